package io.castiel.shard.internal;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * What keyword ranking needs to know of a tenant's words: a query's words as the shards' text
 * vector has them, how many shards have each (its document frequency, counted through the text
 * index, at most {@link #COUNT_CAP}) and how many shards the tenant has. Counting a common word
 * reads every shard that has it, so the counts are kept for {@link #KEPT} per tenant and word:
 * a word's rarity hardly changes in minutes, and the questions asked of a tenant share their
 * words. Keyed by tenant, never shared: a count is the tenant's own data. Runs in the caller's
 * tenant transaction.
 */
@Component
public class WordStatistics {

    /** Counting stops here: rarities above it hardly differ, and each counted shard is a read. */
    static final int COUNT_CAP = 20_000;
    static final Duration KEPT = Duration.ofMinutes(10);

    private record Query(UUID tenantId, String text) {
    }

    private record Word(UUID tenantId, String word) {
    }

    private final JdbcClient jdbc;
    private final Cache<Query, List<String>> words = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(KEPT).build();
    private final Cache<Word, Long> frequencies = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(KEPT).build();
    private final Cache<UUID, Long> documents = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(KEPT).build();

    WordStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The words of {@code query} as PostgreSQL's English configuration makes them (stemmed, no stop words). */
    public List<String> words(UUID tenantId, String query) {
        return words.get(new Query(tenantId, query), key -> jdbc.sql("select unnest(tsvector_to_array(to_tsvector('english', ?)))")
                .param(query).query(String.class).list());
    }

    /** How many of the tenant's shards have each word (up to {@link #COUNT_CAP}), by word. */
    public Map<String, Long> documentFrequencies(UUID tenantId, List<String> wanted) {
        Map<String, Long> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String word : wanted) {
            Long known = frequencies.getIfPresent(new Word(tenantId, word));
            if (known != null) {
                found.put(word, known);
            } else {
                missing.add(word);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Object> params = new HashMap<>();
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < missing.size(); i++) {
                values.append(i == 0 ? "" : ", ").append("(:w").append(i).append(')');
                params.put("w" + i, missing.get(i));
            }
            params.put("tenant", tenantId);
            params.put("cap", COUNT_CAP);
            jdbc.sql("""
                    select w.word, (select count(*) from (
                               select 1 from shards s
                               where s.tenant_id = :tenant and s.search @@ cast(quote_literal(w.word) as tsquery) limit :cap) m) as df
                    from (values %s) w (word)""".formatted(values)).params(params).query((ResultSet rs) -> {
                        frequencies.put(new Word(tenantId, rs.getString("word")), rs.getLong("df"));
                        found.put(rs.getString("word"), rs.getLong("df"));
                    });
        }
        return found;
    }

    /** How many shards the tenant has, up to {@link #COUNT_CAP}. */
    public long documents(UUID tenantId) {
        return documents.get(tenantId, key -> jdbc.sql("select count(*) from (select 1 from shards s where s.tenant_id = ? limit ?) d")
                .params(tenantId, COUNT_CAP).query(Long.class).single());
    }
}
