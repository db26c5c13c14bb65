package io.castiel.messaging.internal;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.health.RabbitHealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The broker connection, only when {@code castiel.amqp.url} is set (Spring Boot's own RabbitMQ
 * auto-configuration then backs off). The exchange is declared on every (re)connection, the
 * connection confirms publications (see {@link AmqpEventPublisher}), and the health indicator
 * ({@code management.health.rabbit.enabled} stays false for the unconfigured case) reports the broker.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(AmqpConfigured.class)
@EnableConfigurationProperties(AmqpProperties.class)
class AmqpConfiguration {

    @Bean
    CachingConnectionFactory amqpConnectionFactory(AmqpProperties properties) {
        CachingConnectionFactory factory = new CachingConnectionFactory(properties.url());
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        factory.setConnectionNameStrategy(connectionFactory -> "castiel");
        return factory;
    }

    @Bean
    RabbitTemplate amqpTemplate(CachingConnectionFactory connectionFactory) {
        return new RabbitTemplate(connectionFactory);
    }

    @Bean
    RabbitAdmin amqpAdmin(CachingConnectionFactory connectionFactory) {
        return new RabbitAdmin(connectionFactory);
    }

    @Bean
    TopicExchange eventsExchange(AmqpProperties properties) {
        return new TopicExchange(properties.exchange(), true, false);
    }

    @Bean
    RabbitHealthIndicator rabbitHealthIndicator(RabbitTemplate amqpTemplate) {
        return new RabbitHealthIndicator(amqpTemplate);
    }
}
