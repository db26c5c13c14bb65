package io.castiel.graphql.internal;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import io.castiel.graphql.GraphQlLimits;

/**
 * The first look at every document, before graphql-java validates it: the parser stops at
 * {@code maxTokens}/{@code maxCharacters} (a huge document costs at most that much), then field
 * selections and aliases are counted with each fragment counted once (so a fragment cycle cannot
 * make the count loop; validation then refuses the cycle itself). Alias flooding is refused here
 * because validation's overlapping-fields check grows with the square of the repeated fields.
 * Documents that pass are parsed and validated by graphql-java and kept (by their text) so that
 * a repeated query, the common case, skips parsing and validation altogether.
 */
final class DocumentGuard implements PreparsedDocumentProvider {

    static final String LIMIT_CODE = "QUERY_TOO_COMPLEX";
    static final String SYNTAX_CODE = "GRAPHQL_PARSE_FAILED";
    static final String VALIDATION_CODE = "GRAPHQL_VALIDATION_FAILED";

    private final GraphQlLimits limits;
    private final ParserOptions parserOptions;
    private final Cache<String, PreparsedDocumentEntry> validated = Caffeine.newBuilder().maximumSize(1_000).build();

    DocumentGuard(GraphQlLimits limits) {
        this.limits = limits;
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options
                .maxTokens(limits.maxTokens()).maxCharacters(limits.maxCharacters()).maxWhitespaceTokens(limits.maxTokens() * 4)
                .maxRuleDepth(limits.maxDepth() * 6 + 20).captureSourceLocation(true).captureLineComments(false)
                .captureIgnoredChars(false));
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        PreparsedDocumentEntry cached = validated.getIfPresent(query);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        PreparsedDocumentEntry refused = check(query);
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        input.getGraphQLContext().put(ParserOptions.class, parserOptions);
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        if (entry.hasErrors()) {
            return CompletableFuture.completedFuture(new PreparsedDocumentEntry(entry.getErrors().stream()
                    .map(error -> withCode(error, VALIDATION_CODE)).toList()));
        }
        validated.put(query, entry);
        return CompletableFuture.completedFuture(entry);
    }

    /** The refusal of a document over the limits or unparseable; null when it may go on to validation. */
    PreparsedDocumentEntry check(String query) {
        if (query == null || query.isBlank()) {
            return refusal(SYNTAX_CODE, "The request has no GraphQL document (query)");
        }
        if (query.length() > limits.maxCharacters()) {
            return refusal(LIMIT_CODE, "The document has " + query.length() + " characters; at most " + limits.maxCharacters());
        }
        Document document;
        try {
            document = Parser.parse(ParserEnvironment.newParserEnvironment().document(new StringReader(query))
                    .parserOptions(parserOptions).build());
        } catch (ParseCancelledException e) {
            return refusal(LIMIT_CODE, "The document is too large: " + e.getMessage());
        } catch (InvalidSyntaxException e) {
            return new PreparsedDocumentEntry(withCode(e.toInvalidSyntaxError(), SYNTAX_CODE));
        } catch (RuntimeException e) {
            // The parser's limits (tokens, rule depth) cancel it with their own exceptions.
            return refusal(LIMIT_CODE, "The document is too large or too deeply nested: " + e.getMessage());
        }
        int[] counts = new int[2];
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                count(operation.getSelectionSet(), counts);
            } else if (definition instanceof FragmentDefinition fragment) {
                count(fragment.getSelectionSet(), counts);
            }
        }
        if (counts[1] > limits.maxAliases()) {
            return refusal(LIMIT_CODE, "The document uses " + counts[1] + " aliases; at most " + limits.maxAliases());
        }
        if (counts[0] > limits.maxFields()) {
            return refusal(LIMIT_CODE, "The document selects " + counts[0] + " fields; at most " + limits.maxFields());
        }
        return null;
    }

    /** Counts fields and aliases of a selection set and those it nests; fragment spreads are counted where the fragment is defined. */
    private static void count(SelectionSet set, int[] counts) {
        if (set == null) {
            return;
        }
        List<SelectionSet> pending = new ArrayList<>(List.of(set));
        while (!pending.isEmpty()) {
            SelectionSet current = pending.remove(pending.size() - 1);
            for (Selection<?> selection : current.getSelections()) {
                if (selection instanceof Field field) {
                    counts[0]++;
                    if (field.getAlias() != null) {
                        counts[1]++;
                    }
                    if (field.getSelectionSet() != null) {
                        pending.add(field.getSelectionSet());
                    }
                } else if (selection instanceof InlineFragment inline && inline.getSelectionSet() != null) {
                    pending.add(inline.getSelectionSet());
                }
            }
        }
    }

    private static PreparsedDocumentEntry refusal(String code, String message) {
        return new PreparsedDocumentEntry(GraphqlErrorBuilder.newError().message(message)
                .extensions(Map.of("code", code)).build());
    }

    static GraphQLError withCode(GraphQLError error, String code) {
        Map<String, Object> extensions = new java.util.LinkedHashMap<>();
        if (error.getExtensions() != null) {
            extensions.putAll(error.getExtensions());
        }
        extensions.putIfAbsent("code", code);
        return GraphqlErrorBuilder.newError().message(error.getMessage()).locations(error.getLocations()).path(error.getPath())
                .errorType(error.getErrorType()).extensions(extensions).build();
    }
}
