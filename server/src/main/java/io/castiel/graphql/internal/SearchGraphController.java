package io.castiel.graphql.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import io.castiel.search.Answer;
import io.castiel.search.SearchHit;
import io.castiel.search.SearchMode;
import io.castiel.search.SearchService;

/**
 * {@code search}, {@code ask} and {@code similar}: the search module's service, as
 * {@code POST /search}, {@code POST /ask} and {@code GET /shards/{id}/similar} call it. The hits'
 * shards are the shard module's records, so their nested fields resolve like any other shard's.
 */
@Controller
class SearchGraphController {

    private final SearchService search;

    SearchGraphController(SearchService search) {
        this.search = search;
    }

    @QueryMapping
    List<SearchHit> search(@Argument String query, @Argument SearchMode mode, @Argument List<String> types, @Argument List<String> where,
            @Argument int limit) {
        return search.search(query, mode == null ? SearchMode.HYBRID : mode, types, where, limit);
    }

    @QueryMapping
    Answer ask(@Argument String question, @Argument List<String> types, @Argument int limit) {
        return search.ask(question, types, limit);
    }

    @QueryMapping
    List<SearchHit> similar(@Argument UUID id, @Argument List<String> types, @Argument List<String> where, @Argument int limit) {
        return search.similar(id, types, where == null ? List.of() : where, limit);
    }
}
