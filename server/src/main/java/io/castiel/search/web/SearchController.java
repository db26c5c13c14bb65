package io.castiel.search.web;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.platform.ApiException;
import io.castiel.search.Answer;
import io.castiel.search.SearchHit;
import io.castiel.search.SearchMode;
import io.castiel.search.SearchService;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /search}, {@code POST /ask}, {@code GET /shards/{id}/similar} and
 * {@code POST /admin/reindex}.
 */
@RestController
@RequestMapping("/api/v1")
class SearchController {

    /** {@code match}: "any" (the default) or "all" of the query's words, for keyword search and hybrid's keyword leg. */
    record SearchRequest(String query, String mode,
            @Schema(description = "any (default): shards with any of the query's words, ranked by BM25; all: only those with every word",
                    allowableValues = {"any", "all"}) String match,
            List<String> types, List<String> where, Integer limit) {
    }

    record AskRequest(String question, List<String> types, Integer limit) {
    }

    record Hits(List<SearchHit> items) {
    }

    record ReindexAnswer(String status) {
    }

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @PostMapping("/search")
    Hits search(@RequestBody SearchRequest request) {
        if (request == null) {
            throw ApiException.badRequest("The body must be a search request");
        }
        SearchMode mode = request.mode() == null ? SearchMode.HYBRID : SearchMode.fromWire(request.mode())
                .orElseThrow(() -> ApiException.badRequest("mode must be one of keyword, semantic, hybrid", "/mode"));
        if (request.match() != null && !request.match().equals("any") && !request.match().equals("all")) {
            throw ApiException.badRequest("match must be any or all", "/match");
        }
        return new Hits(search.search(request.query(), mode, "all".equals(request.match()), request.types(), request.where(),
                request.limit() == null ? 10 : request.limit()));
    }

    @PostMapping("/ask")
    Answer ask(@RequestBody AskRequest request) {
        if (request == null) {
            throw ApiException.badRequest("The body must be a question");
        }
        return search.ask(request.question(), request.types(), request.limit() == null ? 5 : request.limit());
    }

    /** {@code where} is read raw, as for {@code GET /shards}: a value may contain commas. */
    @GetMapping("/shards/{id}/similar")
    @Parameter(name = "where", in = ParameterIn.QUERY, description = "field:op:value filters on structuredData, ANDed",
            array = @ArraySchema(schema = @Schema(type = "string")))
    Hits similar(@PathVariable UUID id, @RequestParam(defaultValue = "10") int limit,
            @RequestParam(required = false) List<String> types, HttpServletRequest request) {
        String[] where = request.getParameterValues("where");
        List<String> typeNames = types == null ? null
                : types.stream().flatMap(t -> Arrays.stream(t.split(","))).map(String::strip).filter(t -> !t.isEmpty()).toList();
        return new Hits(search.similar(id, typeNames, where == null ? List.of() : List.of(where), limit));
    }

    @PostMapping("/admin/reindex")
    ResponseEntity<ReindexAnswer> reindex() {
        boolean scheduled = search.reindex();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ReindexAnswer(scheduled ? "scheduled" : "alreadyScheduled"));
    }
}
