package io.castiel.messaging.internal;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when {@code castiel.amqp.url} ({@code CASTIEL_AMQP_URL}) has a value: an empty one counts as unset. */
class AmqpConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty("castiel.amqp.url"));
    }
}
