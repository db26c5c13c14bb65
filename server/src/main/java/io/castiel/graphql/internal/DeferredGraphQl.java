package io.castiel.graphql.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.target.LazyInitTargetSource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * Spring for GraphQL's schema and execution service, built just after the application has started
 * instead of during the start: parsing the schema and wiring every controller to it is one of the
 * largest steps of a start, and nothing before the first GraphQL operation needs it. Boot's
 * {@code graphQlSource} and {@code executionGraphQlService} beans stay as Boot defines them, only
 * made lazy and renamed; a proxy takes each one's place and gets the real bean on first use. Once
 * the application is ready, a thread of its own builds them; an operation that comes sooner waits.
 * A schema that cannot be built therefore fails that build (logged) and every GraphQL operation,
 * no longer the start.
 */
final class DeferredGraphQl implements BeanDefinitionRegistryPostProcessor, ApplicationListener<ApplicationReadyEvent> {

    private static final String SOURCE = "graphQlSource";
    private static final String SERVICE = "executionGraphQlService";
    private static final String DEFERRED = ".deferred";

    private static final Logger log = LoggerFactory.getLogger(DeferredGraphQl.class);

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition(SOURCE) && registry.containsBeanDefinition(SERVICE)
                && registry instanceof BeanFactory beans) {
            defer(registry, beans, SOURCE, GraphQlSource.class);
            defer(registry, beans, SERVICE, ExecutionGraphQlService.class);
        }
    }

    private static <T> void defer(BeanDefinitionRegistry registry, BeanFactory beans, String name, Class<T> type) {
        BeanDefinition boot = registry.getBeanDefinition(name);
        registry.removeBeanDefinition(name);
        boot.setLazyInit(true);
        boot.setAutowireCandidate(false);
        registry.registerBeanDefinition(name + DEFERRED, boot);
        RootBeanDefinition standIn = new RootBeanDefinition(type, () -> {
            LazyInitTargetSource target = new LazyInitTargetSource();
            target.setTargetBeanName(name + DEFERRED);
            target.setTargetClass(type);
            target.setBeanFactory(beans);
            return ProxyFactory.getProxy(type, target);
        });
        standIn.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(name, standIn);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        BeanFactory beans = event.getApplicationContext();
        if (!beans.containsBean(SERVICE + DEFERRED)) {
            return;
        }
        Thread builder = new Thread(() -> {
            try {
                beans.getBean(SERVICE + DEFERRED);
            } catch (BeansException e) {
                if (event.getApplicationContext().isActive()) {
                    log.error("The GraphQL schema could not be built; GraphQL operations will fail", e);
                }
            }
        }, "graphql-schema");
        builder.setDaemon(true);
        builder.start();
    }
}
