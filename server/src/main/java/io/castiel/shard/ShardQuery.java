package io.castiel.shard;

import java.util.List;

import io.castiel.shard.internal.ShardSort;

/** The filters, order and page of {@code GET /shards}. {@code where} holds {@code field:op:value} strings. */
public record ShardQuery(String type, String status, String tag, String q, List<String> where, String sort, int limit,
        String cursor) {

    /**
     * Checks a {@code sort} as {@code GET /shards} would read it (null or blank: the default), for
     * those who keep one to use later (saved views); a bad one is a 400 with pointer {@code /sort}.
     */
    public static void checkSort(String sort) {
        ShardSort.parse(sort);
    }
}
