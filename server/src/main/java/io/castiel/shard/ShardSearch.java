package io.castiel.shard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.Role;
import io.castiel.shard.internal.ShardTypes;
import io.castiel.shard.internal.ReadFilter;
import io.castiel.shard.internal.ShardLists;
import io.castiel.shard.internal.Shards;
import io.castiel.shard.internal.SystemShardTypes;
import io.castiel.shard.internal.WhereFilter;
import io.castiel.shard.internal.WordStatistics;
import io.castiel.shard.internal.Bm25;

/**
 * What the search module needs from shards, so that it never reads the shard tables itself:
 * keyword ranking over the shards' full-text column, the readable subset of candidate shards under
 * the same filters and permissions as {@code GET /shards} ({@link ShardAccess}'s SQL filter, acl
 * included), and the bookkeeping of embeddings (the text to embed, {@code embeddingStatus}).
 */
@Service
public class ShardSearch {

    /** At most this many types in one search. */
    public static final int MAX_TYPES = 20;
    /**
     * Shards ranked at most by one keyword search: each is read whole from its compressed storage
     * (1,000 made a keyword search at 20k chunks six times slower: bench/README.md).
     */
    public static final int MAX_SCORED = 200;
    /**
     * Words in at most this many of the tenant's shards find the candidates of an any-word search;
     * in a small tenant that is every word.
     */
    static final int RARE_COUNT = 1_000;
    /** How many times a word of the name, title or subject counts against one of the body. */
    static final double TITLE_WEIGHT = 3.0;

    /** A shard matching a keyword query, its {@code ts_rank} and an excerpt around the matches. */
    public record KeywordHit(Shard shard, double rank, String excerpt) {
    }

    /** A shard id matching a keyword query, with its {@code ts_rank}. */
    public record RankedId(UUID id, double rank) {
    }

    private final Shards shards;
    private final ShardAccess access;
    private final ShardTypes types;
    private final SystemShardTypes systemTypes;
    private final ActorContext actors;
    private final JdbcClient jdbc;
    private final ShardLists lists;
    private final WordStatistics statistics;

    ShardSearch(Shards shards, ShardAccess access, ShardTypes types, SystemShardTypes systemTypes, ActorContext actors, JdbcClient jdbc,
            ShardLists lists, WordStatistics statistics) {
        this.lists = lists;
        this.statistics = statistics;
        this.shards = shards;
        this.access = access;
        this.types = types;
        this.systemTypes = systemTypes;
        this.actors = actors;
        this.jdbc = jdbc;
    }

    /** Checks {@code types} and {@code where} as {@code GET /shards} does: a bad one is a 400 naming it. */
    public static void validate(List<String> shardTypes, List<String> where) {
        checked(shardTypes, where);
    }

    /**
     * The live shards the current actor may read that match {@code query}
     * ({@code websearch_to_tsquery} syntax: words, "phrases", or, -not), best first by BM25 (see
     * {@link #ranked}). A plain query (no quotes, no -not, no or) matches shards that contain any
     * of its words: a question written as a sentence rarely has all its words in one shard, and
     * the ranking puts those with more of its rarer words first. With {@code allWords}, or a query
     * that is not plain, shards must match the query as written.
     */
    @Transactional(readOnly = true)
    public List<KeywordHit> keyword(String query, boolean allWords, List<String> shardTypes, List<String> where, int limit) {
        Actor actor = actors.requireRole(Role.VIEWER);
        Map<String, Object> params = new LinkedHashMap<>();
        String ranked = ranked(actor, query, allWords, shardTypes, where, limit, params);
        if (ranked == null) {
            return List.of();
        }
        // Ranked in the inner query; excerpts (ts_headline reads the whole text) only for the page.
        String sql = """
                select %1$s, ranked.rank, %2$s as excerpt
                from (%3$s) ranked
                join shards s on s.tenant_id = ranked.tenant_id and s.id = ranked.id
                order by ranked.rank desc, s.id""".formatted(Shards.COLUMNS, headline(tsquery(query, !allWords)), ranked);
        return jdbc.sql(sql).params(params)
                .query((rs, n) -> new KeywordHit(shards.map(rs, n), rs.getDouble("rank"), rs.getString("excerpt"))).list();
    }

    /**
     * As {@link #keyword(String, boolean, List, List, int)}, the ids and ranks only: hybrid search
     * fuses candidate lists and reads whole shards and excerpts for the page it returns, not for
     * every candidate.
     */
    @Transactional(readOnly = true)
    public List<RankedId> keywordIds(String query, boolean allWords, List<String> shardTypes, List<String> where, int limit) {
        Actor actor = actors.requireRole(Role.VIEWER);
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = ranked(actor, query, allWords, shardTypes, where, limit, params);
        if (sql == null) {
            return List.of();
        }
        return jdbc.sql(sql).params(params).query((rs, n) -> new RankedId(rs.getObject("id", UUID.class), rs.getDouble("rank"))).list();
    }

    /**
     * Excerpts around the matches of {@code query} in the shards {@code ids} the current actor may
     * read, by id; shards where nothing matches get the start of their text.
     */
    @Transactional(readOnly = true)
    public Map<UUID, String> excerpts(String query, boolean anyWord, Collection<UUID> ids) {
        Actor actor = actors.requireRole(Role.VIEWER);
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        ReadFilter readable = access.readFilter(actor, "s");
        params.putAll(readable.params());
        params.put("tenant", actor.tenantId());
        params.put("q", query);
        params.put("ids", List.copyOf(new LinkedHashSet<>(ids)));
        String sql = "select s.id, " + headline(tsquery(query, anyWord)) + " as excerpt from shards s where s.tenant_id = :tenant "
                + "and s.id in (:ids) and s.status <> 'deleted'" + readable.sql();
        Map<UUID, String> excerpts = new LinkedHashMap<>();
        jdbc.sql(sql).params(params).query((rs, n) -> excerpts.put(rs.getObject("id", UUID.class), rs.getString("excerpt"))).list();
        return excerpts;
    }

    /**
     * The ranking query of a keyword search: {@code tenant_id, id, rank}, best first, at most
     * {@code limit}, or null when no word of the query is in any of the tenant's shards. The rank
     * is Okapi BM25 over the query's words as the shards' text vector has them (same parser and
     * dictionary): each word weighs by its rarity in the tenant ({@link Bm25#idf}, from
     * {@link WordStatistics}), by how often the shard has it, and by the shard's length against
     * the matches' mean. How often is {@code ts_rank} of the word alone, which counts a word of the
     * name, title or subject (weight A in the vector) {@link #TITLE_WEIGHT} times, and which grows
     * less with each repetition, as BM25's term frequency does; it looks the word up in the vector
     * rather than reading all of it. Any-word matching looks the shards up by the query's rarer
     * words only (those in at most {@link #RARE_COUNT} shards, or all when none is), which keeps a
     * question's common words ("customer", "deal") from making every shard a candidate: they
     * still rank the ones found. At most {@link #MAX_SCORED} matches are ranked.
     */
    private String ranked(Actor actor, String query, boolean allWords, List<String> shardTypes, List<String> where, int limit,
            Map<String, Object> params) {
        List<String> words = statistics.words(actor.tenantId(), query);
        Map<String, Long> frequencies = statistics.documentFrequencies(actor.tenantId(), words);
        long documents = statistics.documents(actor.tenantId());
        StringBuilder terms = new StringBuilder();
        boolean anyRare = frequencies.values().stream().anyMatch(df -> df > 0 && df <= RARE_COUNT);
        int n = 0;
        for (Map.Entry<String, Long> word : frequencies.entrySet()) {
            if (word.getValue() > 0) {
                terms.append(n == 0 ? "" : ", ").append("(cast(:word").append(n).append(" as text), cast(:idf").append(n)
                        .append(" as float8), ").append(!anyRare || word.getValue() <= RARE_COUNT).append(')');
                params.put("word" + n, word.getKey());
                params.put("idf" + n, Bm25.idf(documents, word.getValue()));
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        StringBuilder filters = new StringBuilder();
        appendFilters(actor.tenantId(), shardTypes, where, filters, params);
        ReadFilter readable = access.readFilter(actor, "s");
        params.putAll(readable.params());
        params.put("tenant", actor.tenantId());
        params.put("q", query);
        params.put("limit", limit);
        params.put("max_scored", MAX_SCORED);
        params.put("k1", Bm25.K1);
        params.put("b", Bm25.B);
        params.put("title_share", 1 / TITLE_WEIGHT);
        String match = allWords || !plain(query) ? "websearch_to_tsquery('english', :q)"
                : "(select cast(string_agg(quote_literal(t.word), ' | ') as tsquery) from terms t where t.finds)";
        // ts_rank's weights are {D, C, B, A} at most 1: the body's at 1/TITLE_WEIGHT, times TITLE_WEIGHT after.
        return """
                with terms as materialized (
                    select t.word, cast(quote_literal(t.word) as tsquery) as q, t.idf, t.finds
                    from (values %4$s) t (word, idf, finds)
                ),
                matched as materialized (
                    -- a copy of the text vector: read from its compressed storage once, not once per word
                    select s.tenant_id, s.id, s.search || ''::tsvector as search, length(s.search) as len
                    from shards s
                    where s.tenant_id = :tenant and s.status <> 'deleted' and s.search @@ %3$s%1$s%2$s
                    limit :max_scored
                ),
                lengths as materialized (select greatest(avg(len), 1) as mean from matched),
                scored as materialized (
                    select m.tenant_id, m.id, m.len, t.idf,
                           ts_rank(array[:title_share, :title_share, :title_share, 1]::float4[], m.search, t.q, 0) / :title_share as tf
                    from matched m
                    cross join terms t
                    where m.search @@ t.q
                )
                select c.tenant_id, c.id, sum(c.idf * c.tf * (:k1 + 1) / (c.tf + :k1 * (1 - :b + :b * c.len / lengths.mean))) as rank
                from scored c
                cross join lengths
                group by c.tenant_id, c.id
                order by rank desc, c.id
                limit :limit""".formatted(filters, readable.sql(), match, terms);
    }

    /**
     * The tsquery of {@code :q} for excerpts. With {@code anyWord}, a plain query (no quotes, no
     * -not, no or) has its words joined by or rather than and.
     */
    private static String tsquery(String query, boolean anyWord) {
        return anyWord && plain(query) ? "cast(replace(cast(websearch_to_tsquery('english', :q) as text), ' & ', ' | ') as tsquery)"
                : "websearch_to_tsquery('english', :q)";
    }

    /** A query of words only: no "phrase", no -not, no or. */
    private static boolean plain(String query) {
        return !query.contains("\"") && !query.matches("(?s).*(^|\\s)-\\S.*") && !query.matches("(?is).*\\bor\\b.*");
    }

    /** An excerpt of shard {@code s} around the matches of {@code tsquery} (ts_headline reads the whole text). */
    private static String headline(String tsquery) {
        return """
                ts_headline('english', coalesce(nullif(s.unstructured_data ->> 'text', ''),
                            (select string_agg(v, ' ') from jsonb_array_elements_text(
                                 jsonb_path_query_array(s.structured_data, 'strict $.** ? (@.type() == "string")')) v)),
                            %s,
                            'MaxFragments=2, MinWords=6, MaxWords=30, FragmentDelimiter=" … ", StartSel="", StopSel=""')""".formatted(tsquery);
    }

    /**
     * Of {@code ids}, the live shards the current actor may read and that pass the filters, by id
     * (in no particular order).
     */
    @Transactional(readOnly = true)
    public Map<UUID, Shard> readable(Collection<UUID> ids, List<String> shardTypes, List<String> where) {
        Actor actor = actors.requireRole(Role.VIEWER);
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String from = readableAmong(actor, ids, shardTypes, where, params);
        Map<UUID, Shard> found = new LinkedHashMap<>();
        jdbc.sql("select " + Shards.COLUMNS + from).params(params).query(shards::map).list().forEach(shard -> found.put(shard.id(), shard));
        return found;
    }

    /** Of {@code ids}, those of live shards the current actor may read and that pass the filters. */
    @Transactional(readOnly = true)
    public Set<UUID> readableIds(Collection<UUID> ids, List<String> shardTypes, List<String> where) {
        Actor actor = actors.requireRole(Role.VIEWER);
        if (ids.isEmpty()) {
            return Set.of();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String from = readableAmong(actor, ids, shardTypes, where, params);
        return new HashSet<>(jdbc.sql("select s.id" + from).params(params).query(UUID.class).list());
    }

    /**
     * The {@code from ... where} of the live shards among {@code ids} that {@code actor} may read
     * and that pass the filters; adds its parameters to {@code params}.
     */
    private String readableAmong(Actor actor, Collection<UUID> ids, List<String> shardTypes, List<String> where, Map<String, Object> params) {
        StringBuilder filters = new StringBuilder();
        appendFilters(actor.tenantId(), shardTypes, where, filters, params);
        ReadFilter readable = access.readFilter(actor, "s");
        params.putAll(readable.params());
        params.put("tenant", actor.tenantId());
        params.put("ids", List.copyOf(new LinkedHashSet<>(ids)));
        return " from shards s where s.tenant_id = :tenant and s.id in (:ids) and s.status <> 'deleted'" + filters + readable.sql();
    }

    /** Shards by id whatever their status or acl, for indexing. Needs the tenant's transaction. */
    @Transactional(propagation = Propagation.MANDATORY, readOnly = true)
    public List<Shard> forIndexing(UUID tenantId, Collection<UUID> ids) {
        return shards.findAll(tenantId, ids);
    }

    /**
     * The JSON pointers whose text the type (with its ancestors) asks to embed, besides
     * {@code unstructuredData.text}. Needs the tenant's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY, readOnly = true)
    public List<String> embedFields(UUID tenantId, String shardType) {
        Optional<ShardType> builtIn = systemTypes.find(shardType);
        if (builtIn.isPresent()) {
            return builtIn.get().embedFields() == null ? List.of() : builtIn.get().embedFields();
        }
        LinkedHashSet<String> fields = new LinkedHashSet<>();
        List<ShardType> chain = new ArrayList<>(types.chain(tenantId, shardType));
        if (!chain.isEmpty() && chain.get(chain.size() - 1).parentType() != null) {
            systemTypes.find(chain.get(chain.size() - 1).parentType()).ifPresent(chain::add);
        }
        for (ShardType type : chain) {
            if (type.embedFields() != null) {
                fields.addAll(type.embedFields());
            }
        }
        return List.copyOf(fields);
    }

    /**
     * Whether the type's shards are embedded ({@code embed}: the type's own setting; built-ins
     * always are). Needs the tenant's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY, readOnly = true)
    public boolean embedded(UUID tenantId, String shardType) {
        if (systemTypes.find(shardType).isPresent()) {
            return true;
        }
        return types.find(tenantId, shardType).map(ShardType::embed).orElse(true);
    }

    /**
     * Records the embedding status of a shard as of {@code revision} (a later revision is left to
     * its own embedding). Needs the tenant's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markEmbedding(UUID tenantId, UUID shardId, int revision, String status) {
        return shards.markEmbedding(tenantId, shardId, revision, status);
    }

    /**
     * Marks the live shards of a type and of the types that extend it pending (their type's
     * {@code embedFields} or {@code embed} changed), or {@code none} where their type is not
     * embedded, and returns their ids: all are to be embedded again, or to lose their vectors.
     * Needs the tenant's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<UUID> markTypePending(UUID tenantId, String shardType) {
        List<String> embedded = new ArrayList<>();
        List<String> notEmbedded = new ArrayList<>();
        List<String> affected = new ArrayList<>();
        affected.add(shardType);
        affected.addAll(types.descendants(tenantId, shardType));
        affected.forEach(type -> (embedded(tenantId, type) ? embedded : notEmbedded).add(type));
        List<UUID> ids = new ArrayList<>();
        if (!embedded.isEmpty()) {
            ids.addAll(shards.markTypesPending(tenantId, embedded));
        }
        if (!notEmbedded.isEmpty()) {
            ids.addAll(shards.markTypesNotEmbedded(tenantId, notEmbedded));
        }
        return ids;
    }

    /** Marks every live shard of the tenant pending (a reindex) and returns their ids. Needs the tenant's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<UUID> markAllPending(UUID tenantId) {
        return shards.markAllPending(tenantId);
    }

    /**
     * The type and where filters of a search on shards {@code s}: the conditions as {@code GET /shards}
     * applies them, on the typed columns when the search is of one type ({@link ShardLists#appendWhere}).
     */
    private void appendFilters(UUID tenantId, List<String> shardTypes, List<String> where, StringBuilder sql, Map<String, Object> params) {
        List<WhereFilter.Condition> conditions = checked(shardTypes, where);
        if (shardTypes != null && !shardTypes.isEmpty()) {
            sql.append(" and s.shard_type in (:search_types)");
            params.put("search_types", List.copyOf(shardTypes));
        }
        lists.appendWhere(tenantId, shardTypes != null && shardTypes.size() == 1 ? shardTypes.get(0) : null, conditions, sql, params);
    }

    /** The where filters parsed, after checking them and the types: a bad one is a 400 naming it. */
    private static List<WhereFilter.Condition> checked(List<String> shardTypes, List<String> where) {
        if (shardTypes != null && !shardTypes.isEmpty()) {
            if (shardTypes.size() > MAX_TYPES) {
                throw ApiException.badRequest("At most " + MAX_TYPES + " types", "/types");
            }
            for (int i = 0; i < shardTypes.size(); i++) {
                if (shardTypes.get(i) == null || !ShardTypes.NAME.matcher(shardTypes.get(i)).matches()) {
                    throw ApiException.badRequest("types must be shard type names", "/types/" + i);
                }
            }
        }
        List<String> conditions = where == null ? List.of() : where;
        if (conditions.size() > ShardFilter.MAX_CONDITIONS) {
            throw ApiException.badRequest("At most " + ShardFilter.MAX_CONDITIONS + " where filters", "/where");
        }
        List<WhereFilter.Condition> parsed = new ArrayList<>(conditions.size());
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i) == null) {
                throw ApiException.badRequest("A where filter is a string field:operator:value", "/where/" + i);
            }
            parsed.add(WhereFilter.parse(conditions.get(i)));
        }
        return parsed;
    }
}
