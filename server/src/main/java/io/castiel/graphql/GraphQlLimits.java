package io.castiel.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on a GraphQL document ({@code castiel.graphql.*}), checked before it runs: the
 * request body itself is capped by {@code castiel.limits.max-request-body} like every request.
 *
 * @param maxDepth       deepest field nesting (a query of depth {@code maxDepth + 1} is refused)
 * @param maxComplexity  fields weighted by the page sizes above them ({@code first} of lists)
 * @param maxAliases     aliased fields in one document (alias flooding)
 * @param maxFields      field selections in one document, fragments counted once
 * @param maxTokens      parser tokens; the parser stops at the limit instead of reading a huge document
 * @param maxCharacters  characters of the document
 */
@ConfigurationProperties("castiel.graphql")
public record GraphQlLimits(
        @DefaultValue("10") int maxDepth,
        @DefaultValue("250000") int maxComplexity,
        @DefaultValue("30") int maxAliases,
        @DefaultValue("500") int maxFields,
        @DefaultValue("5000") int maxTokens,
        @DefaultValue("100000") int maxCharacters) {
}
