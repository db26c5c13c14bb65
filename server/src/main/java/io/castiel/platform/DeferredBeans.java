package io.castiel.platform;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.target.LazyInitTargetSource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Beans that libraries define (and Castiel does not want to redefine) made on first use rather than
 * during the start, for a start that serves sooner: each keeps its definition, made lazy and renamed
 * {@code <name>.deferred}, and a proxy takes its place, so that the beans that depend on it can be
 * made without it. Optionally, once the application is ready, a thread of its own makes one of them
 * (with what it depends on), so that the first request does not wait for it either.
 * Register as a static {@code @Bean}; a bean that is not defined is left alone.
 */
public final class DeferredBeans implements BeanFactoryPostProcessor, ApplicationListener<ApplicationReadyEvent> {

    private static final String DEFERRED = ".deferred";
    private static final Logger log = LoggerFactory.getLogger(DeferredBeans.class);

    private final Map<String, Class<?>> beans;
    private final String madeWhenReady;

    private DeferredBeans(Map<String, Class<?>> beans, String madeWhenReady) {
        this.beans = beans;
        this.madeWhenReady = madeWhenReady;
    }

    /** Each of {@code beans} (name to the type its dependents see) is made when first used. */
    public static DeferredBeans onFirstUse(Map<String, Class<?>> beans) {
        return new DeferredBeans(beans, null);
    }

    /** As {@link #onFirstUse}, and {@code bean} (one of them) is made on a thread of its own once the application is ready. */
    public static DeferredBeans afterStart(Map<String, Class<?>> beans, String bean) {
        return new DeferredBeans(beans, bean);
    }

    /**
     * Runs with the factory post-processors that have no order, after the ordered ones: Boot's
     * database-initialisation ordering among them makes every bean that uses the database depend on
     * each bean of Flyway's type, which would otherwise name the deferred one too and make it early.
     */
    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {
        if (!(factory instanceof BeanDefinitionRegistry registry) || !beans.keySet().stream().allMatch(registry::containsBeanDefinition)) {
            return;
        }
        beans.forEach((name, type) -> defer(registry, factory, name, type));
    }

    private static <T> void defer(BeanDefinitionRegistry registry, BeanFactory factory, String name, Class<T> type) {
        BeanDefinition original = registry.getBeanDefinition(name);
        registry.removeBeanDefinition(name);
        original.setLazyInit(true);
        original.setAutowireCandidate(false);
        registry.registerBeanDefinition(name + DEFERRED, original);
        RootBeanDefinition standIn = new RootBeanDefinition(type, () -> proxy(factory, name + DEFERRED, type));
        standIn.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(name, standIn);
    }

    private static <T> T proxy(BeanFactory factory, String target, Class<T> type) {
        LazyInitTargetSource source = new LazyInitTargetSource();
        source.setTargetBeanName(target);
        source.setTargetClass(type);
        source.setBeanFactory(factory);
        ProxyFactory proxy = new ProxyFactory();
        proxy.setTargetSource(source);
        if (type.isInterface()) {
            proxy.addInterface(type);
        } else {
            proxy.setProxyTargetClass(true);
        }
        return type.cast(proxy.getProxy(type.getClassLoader()));
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        BeanFactory factory = event.getApplicationContext();
        if (madeWhenReady == null || !factory.containsBean(madeWhenReady + DEFERRED)) {
            return;
        }
        Thread maker = new Thread(() -> {
            try {
                factory.getBean(madeWhenReady + DEFERRED);
            } catch (BeansException e) {
                if (event.getApplicationContext().isActive()) {
                    log.error("{} could not be made after the start; what uses it will fail", madeWhenReady, e);
                }
            }
        }, "make-" + madeWhenReady);
        maker.setDaemon(true);
        maker.start();
    }
}
