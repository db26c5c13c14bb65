package io.castiel.shard;

import java.util.List;

/** The filters, order and page of {@code GET /shards}. {@code where} holds {@code field:op:value} strings. */
public record ShardQuery(String type, String status, String tag, String q, List<String> where, String sort, int limit,
        String cursor) {
}
