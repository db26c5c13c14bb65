package io.castiel.graphql.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.graphql.server.webmvc.GraphQlRequestPredicates;
import org.springframework.graphql.server.webmvc.GraphQlSseHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.graphql.server.webmvc.GraphiQlHandler;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.schema.idl.SchemaPrinter;
import io.castiel.graphql.GraphQlLimits;
import io.castiel.platform.ApiPaths;
import io.castiel.platform.DeferredBeans;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the schema's JSON scalar, the document guard, the depth and complexity limits, the schema
 * export and (embedded mode only) GraphiQL. The endpoint itself is Spring for GraphQL's, at the
 * path set by {@code spring.graphql.http.path} ({@code /api/v1/graphql}) and, through the same
 * handlers, at {@code POST /graphql}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphQlLimits.class)
class GraphQlConfiguration {

    static final String PATH = ApiPaths.GRAPHQL;
    static final String SCHEMA_PATH = PATH + "/schema.graphqls";

    @Bean
    RuntimeWiringConfigurer jsonScalar(JsonMapper json) {
        return wiring -> wiring.scalar(JsonScalar.create(json));
    }

    @Bean
    GraphQlSourceBuilderCustomizer documentGuard(GraphQlLimits limits) {
        DocumentGuard guard = new DocumentGuard(limits);
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(guard));
    }

    /**
     * Introspection is exempt: the query GraphiQL and code generators send nests {@code ofType}
     * deeper than any data query needs, and graphql-java's good-faith introspection check
     * already bounds what it may ask.
     */
    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(GraphQlLimits limits) {
        return new MaxQueryDepthInstrumentation(limits.maxDepth()) {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                    InstrumentationState state) {
                if (introspectionOnly(parameters.getExecutionContext().getOperationDefinition())) {
                    return SimpleInstrumentationContext.noOp();
                }
                return super.beginExecuteOperation(parameters, state);
            }

            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return abort("The query nests " + depth + " levels deep; at most " + maxDepth + " are allowed");
            }
        };
    }

    /**
     * Each field costs 1 plus its selection's cost times the page it asks for ({@code first}),
     * so {@code shards(first: 50) { related(first: 100) { ... } }} weighs what it may return.
     */
    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(GraphQlLimits limits) {
        return new MaxQueryComplexityInstrumentation(limits.maxComplexity(), (environment, childComplexity) -> {
            Object first = environment.getArguments().get("first");
            long pages = first instanceof Number n ? Math.max(1, n.longValue()) : 1;
            return (int) Math.min(Integer.MAX_VALUE, 1 + childComplexity * pages);
        }) {
            @Override
            protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
                return abort("The query's complexity is " + complexity + "; at most " + maxComplexity
                        + " is allowed (ask for smaller pages with first, or fewer nested fields)");
            }
        };
    }

    static boolean introspectionOnly(OperationDefinition operation) {
        return operation.getSelectionSet().getSelections().stream()
                .allMatch(selection -> selection instanceof Field field && field.getName().startsWith("__"));
    }

    private static AbortExecutionException abort(String message) {
        return new AbortExecutionException(List.of(GraphqlErrorBuilder.newError().message(message)
                .extensions(Map.of("code", DocumentGuard.LIMIT_CODE)).build()));
    }

    /**
     * The graphql-transport-ws handler, built as Spring Boot builds it (same settings) but keeping
     * {@link GraphQlSockets}, so that {@link SocketAuthentication} can close a revoked connection.
     */
    @Bean
    GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, GraphQlProperties properties, GraphQlCorsProperties cors,
            JsonMapper json, GraphQlSockets sockets) {
        GraphQlProperties.Websocket socket = properties.getWebsocket();
        HttpMessageConverter<Object> converter = new JacksonJsonHttpMessageConverter(json);
        CorsConfiguration origins = cors.toCorsConfiguration();
        return origins != null
                ? new GraphQlSocketHandler(handler, converter, socket.getConnectionInitTimeout(), socket.getKeepAlive(), origins, sockets)
                : new GraphQlSocketHandler(handler, converter, socket.getConnectionInitTimeout(), socket.getKeepAlive(), sockets);
    }

    /**
     * {@code POST /graphql}, the path API.md and the original design name: the same handlers as
     * {@link #PATH} (so the same interceptors, limits and error shape), and the same answers to a
     * wrong media type (415) or method (405). The security chain and the rate limits treat the
     * path as an API path ({@link ApiPaths}).
     */
    @Bean
    RouterFunction<ServerResponse> graphQlAtRoot(GraphQlHttpHandler http, GraphQlSseHandler sse) {
        String path = ApiPaths.ROOT_GRAPHQL;
        return RouterFunctions.route()
                .route(GraphQlRequestPredicates.graphQlHttp(path), http::handleRequest)
                .route(GraphQlRequestPredicates.graphQlSse(path), sse::handleRequest)
                .POST(path, request -> ServerResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                        .headers(headers -> headers.setAccept(List.of(MediaType.APPLICATION_JSON))).build())
                .GET(path, request -> ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                        .headers(headers -> headers.setAllow(Set.of(HttpMethod.POST))).build())
                .build();
    }

    /**
     * Spring for GraphQL's schema and execution service are made just after the start, not during
     * it: parsing the schema and wiring every controller to it is one of the largest steps of a
     * start, and nothing before the first GraphQL operation needs it; one that comes sooner waits.
     * A schema that cannot be built therefore fails (logged) that step and every GraphQL operation,
     * no longer the start.
     */
    @Bean
    static DeferredBeans deferredGraphQl() {
        return DeferredBeans.afterStart(Map.of("graphQlSource", GraphQlSource.class,
                "executionGraphQlService", ExecutionGraphQlService.class), "executionGraphQlService");
    }

    /**
     * The schema as SDL, for client code generators; the schema is public like API.md, so no token is
     * needed. Printed on the first request, as the schema is built after the start.
     */
    @Bean
    RouterFunction<ServerResponse> graphQlSchemaExport(GraphQlSource source) {
        AtomicReference<String> printed = new AtomicReference<>();
        SchemaPrinter printer = new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(false)
                .setComparators(graphql.schema.DefaultGraphqlTypeComparatorRegistry.AS_IS_REGISTRY));
        return RouterFunctions.route().GET(SCHEMA_PATH,
                request -> ServerResponse.ok().contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                        .body(printed.updateAndGet(schema -> schema != null ? schema : printer.print(source.schema())))).build();
    }

    /**
     * GraphiQL at {@code GET /graphiql}, in embedded mode only (a laptop, not a production node).
     * The page loads GraphiQL from esm.sh, so it gets a policy that allows that one origin.
     */
    @Configuration(proxyBeanMethods = false)
    @Profile("!server")
    static class GraphiQl {

        static final String POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' https://esm.sh; "
                + "style-src 'self' 'unsafe-inline' https://esm.sh; img-src 'self' data: https://esm.sh; font-src 'self' data: https://esm.sh; "
                + "connect-src 'self' https://esm.sh ws: wss:; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'";

        @Bean
        RouterFunction<ServerResponse> graphiQl() {
            GraphiQlHandler handler = new GraphiQlHandler(PATH, PATH);
            return RouterFunctions.route().GET("/graphiql", handler::handleRequest).build();
        }

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 10)
        OncePerRequestFilter graphiQlPolicy() {
            return new OncePerRequestFilter() {
                @Override
                protected boolean shouldNotFilter(HttpServletRequest request) {
                    return !request.getRequestURI().equals("/graphiql");
                }

                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws ServletException, java.io.IOException {
                    response.setHeader("Content-Security-Policy", POLICY);
                    chain.doFilter(request, response);
                }
            };
        }
    }
}
