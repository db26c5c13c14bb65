package io.castiel.platform.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.castiel.platform.CastielProperties;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper: Boot's customizations plus a nesting-depth cap (a hostile body cannot
 * recurse the parser into the ground) and strictness about unknown fields, so that a typo in a
 * request is a 400 instead of a silently ignored field.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    JsonMapper jsonMapper(CastielProperties properties, ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(properties.limits().maxJsonDepth())
                        .maxStringLength(1_048_576)
                        .build())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(factory);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        builder.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return builder.build();
    }
}
