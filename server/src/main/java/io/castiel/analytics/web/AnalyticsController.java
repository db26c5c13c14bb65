package io.castiel.analytics.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.analytics.AnalyticsQueries;
import io.castiel.shard.AggregationPlan;
import io.castiel.shard.AggregationQuery;
import io.castiel.shard.AggregationResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /api/v1/analytics}: aggregation queries as JSON or CSV, and their plans for admins. */
@RestController
@RequestMapping("/api/v1/analytics")
class AnalyticsController {

    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

    /** The plan of a query: {@code sql} is always null, so that no statement text leaves the server. */
    record Explanation(String sql, String plan, long estimatedRows) {
    }

    private final AnalyticsQueries queries;

    AnalyticsController(AnalyticsQueries queries) {
        this.queries = queries;
    }

    /**
     * One method for both answers: the result is computed first (a bad query is a problem, whatever
     * was accepted), then written as JSON, or as CSV when the client prefers {@code text/csv}.
     */
    @Operation(summary = "Group and measure the shards of one type the caller may read",
            description = "Body {shardType, where?, groupBy?, measures: [{fn, field?, as?}], sort?, limit? (1-10000, default 1000), "
                    + "timezone? (IANA, default UTC)}. Answers {columns: [{name, type}], rows, truncated}; with Accept: text/csv the "
                    + "same table as RFC 4180 CSV (header row first; the Analytics-Truncated header says whether rows were cut).")
    @ApiResponse(responseCode = "200", content = {@Content(mediaType = "application/json", schema = @Schema(implementation = AggregationResult.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @PostMapping(path = "/query", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    ResponseEntity<AggregationResult> query(@RequestBody AggregationQuery query,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletResponse response) throws IOException {
        AggregationResult result = queries.query(query);
        if (!prefersCsv(accept)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(result);
        }
        response.setStatus(200);
        response.setContentType("text/csv; charset=utf-8; header=present");
        response.setHeader("Analytics-Truncated", Boolean.toString(result.truncated()));
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"analytics.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        CsvTable.write(result, out);
        return null;
    }

    @Operation(summary = "The plan PostgreSQL would follow for a query (admins)",
            description = "The same body as POST /analytics/query; answers {sql: null, plan, estimatedRows}. The statement itself is never shown.")
    @PostMapping("/query/explain")
    Explanation explain(@RequestBody AggregationQuery query) {
        AggregationPlan plan = queries.explain(query);
        return new Explanation(null, plan.plan(), plan.estimatedRows());
    }

    /**
     * Whether {@code text/csv} is asked for by name and ranks at least as high as anything JSON
     * would satisfy: above {@code application/json} named too, at least as high as a wildcard.
     */
    static boolean prefersCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (RuntimeException e) {
            return false;
        }
        double csv = 0;
        double json = 0;
        double wildcard = 0;
        for (MediaType type : types) {
            double quality = type.getQualityValue();
            if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                csv = Math.max(csv, quality);
            } else if (type.isWildcardType() || type.isWildcardSubtype() && type.getType().equals("application")) {
                wildcard = Math.max(wildcard, quality);
            } else if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                json = Math.max(json, quality);
            }
        }
        return csv > 0 && csv > json && csv >= wildcard;
    }
}
