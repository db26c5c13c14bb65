package io.castiel.graphql;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Counts the SQL statements that one HTTP request prepares: a request carrying
 * {@code X-Count-Statements: <label>} has every statement its thread prepares recorded under
 * that label. Only for the test that imports it (its own application context).
 */
@TestConfiguration(proxyBeanMethods = false)
class StatementCounter {

    static final String HEADER = "X-Count-Statements";

    private final ThreadLocal<String> label = new ThreadLocal<>();
    private final ConcurrentHashMap<String, List<String>> statements = new ConcurrentHashMap<>();

    List<String> statements(String requestLabel) {
        return statements.getOrDefault(requestLabel, List.of());
    }

    @Bean
    static BeanPostProcessor countingDataSource(org.springframework.beans.factory.ObjectProvider<StatementCounter> counter) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource dataSource && name.equals("dataSource")) {
                    return new DelegatingDataSource(dataSource) {
                        @Override
                        public Connection getConnection() throws java.sql.SQLException {
                            return counter.getObject().wrap(super.getConnection());
                        }
                    };
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> statementLabel() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String value = request.getHeader(HEADER);
                if (value == null) {
                    chain.doFilter(request, response);
                    return;
                }
                label.set(value);
                try {
                    chain.doFilter(request, response);
                } finally {
                    label.remove();
                }
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The shared test context's embedded PostgreSQL holds the default home: this context gets its own. */
    static class OwnDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                java.nio.file.Path home = java.nio.file.Files.createTempDirectory("castiel-statements-test-");
                home.toFile().deleteOnExit();
                context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("statementCounterHome", java.util.Map.of("castiel.home", home.toString())));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String current = label.get();
                    if (current != null && (method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
                            && args != null && args.length > 0 && args[0] instanceof String sql) {
                        statements.computeIfAbsent(current, k -> new CopyOnWriteArrayList<>()).add(sql);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
