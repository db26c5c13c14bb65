package io.castiel.search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.Jobs;
import io.castiel.platform.Role;
import io.castiel.platform.TenantContext;
import io.castiel.search.internal.AiProperties;
import io.castiel.search.internal.Answers;
import io.castiel.search.internal.ChunkMatch;
import io.castiel.search.internal.Chunks;
import io.castiel.search.internal.QueryEmbeddings;
import io.castiel.search.internal.ReindexJob;
import io.castiel.search.internal.ScoreFusion;
import io.castiel.search.internal.SearchPermits;
import io.castiel.search.internal.ShardText;
import io.castiel.search.internal.VectorIndex;
import io.castiel.search.internal.VectorIndexes;
import io.castiel.search.internal.Vectors;
import io.castiel.shard.Shard;
import io.castiel.shard.ShardSearch;
import io.castiel.shard.ShardService;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Search, grounded answers and related shards, for the current caller. Every result passes
 * {@link ShardSearch}: the caller's tenant (Row-Level Security), live shards only, the request's
 * types and {@code where} filters, and the caller's read permissions (role, type permissions,
 * acl) exactly as {@code GET /shards}. Vector candidates are over-fetched and then filtered, and
 * fetched again deeper when the filters left too few.
 */
@Service
public class SearchService {

    public static final int MAX_QUERY_CHARS = 1_000;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_ASK_LIMIT = 20;
    /** How deep vector candidates are fetched at most before giving up on filling a page. */
    private static final int MAX_CHUNK_CANDIDATES = 4_000;
    /** Chunk rows fetched per shard wanted: a shard has a row per chunk (4 measured enough, bench/README.md). */
    private static final int CHUNKS_PER_SHARD = 4;
    /**
     * Chunk rows fetched at least: as many as HNSW's candidate list holds anyway at the default
     * {@code ef_search} (so they cost the server no more than 40), and with sentence vectors the
     * shards to rank by their sentences: 60 to 100 shards, from which the 10 or 30 wanted are taken.
     */
    private static final int MIN_CHUNK_ROWS = 200;
    private final ShardSearch shards;
    private final ShardService shardService;
    private final Chunks chunks;
    private final VectorIndexes indexes;
    private final QueryEmbeddings queryEmbeddings;
    private final SearchPermits permits;
    private final Answers answers;
    private final ActorContext actors;
    private final TenantContext tenants;
    private final Jobs jobs;
    private final Clock clock;
    private final double hubnessCorrection;
    private final boolean sentenceVectors;

    SearchService(ShardSearch shards, ShardService shardService, Chunks chunks, VectorIndexes indexes, QueryEmbeddings queryEmbeddings, SearchPermits permits, Answers answers,
            ActorContext actors, TenantContext tenants, Jobs jobs, Clock clock, AiProperties properties) {
        // Measured to help with sentence vectors only: over chunk vectors alone it lowered recall.
        this.hubnessCorrection = properties.embedding().sentenceVectors() ? properties.index().hubnessCorrection() : 0;
        this.sentenceVectors = properties.embedding().sentenceVectors();
        this.shards = shards;
        this.shardService = shardService;
        this.chunks = chunks;
        this.indexes = indexes;
        this.queryEmbeddings = queryEmbeddings;
        this.permits = permits;
        this.answers = answers;
        this.actors = actors;
        this.tenants = tenants;
        this.jobs = jobs;
        this.clock = clock;
    }

    public List<SearchHit> search(String query, SearchMode mode, List<String> types, List<String> where, int limit) {
        return search(query, mode, false, types, where, limit);
    }

    /**
     * With {@code allWords}, keyword search (the keyword mode, and the keyword leg of hybrid) finds
     * only shards with every word of the query; by default a plain query finds those with any of
     * them, ranked (ShardSearch#keyword).
     */
    public List<SearchHit> search(String query, SearchMode mode, boolean allWords, List<String> types, List<String> where, int limit) {
        Actor actor = actors.requireRole(Role.VIEWER);
        String q = checkText(query, "/query");
        checkLimit(limit, MAX_LIMIT);
        ShardSearch.validate(types, where);
        return permits.run(() -> {
            float[] vector = mode == SearchMode.KEYWORD ? null : queryEmbeddings.of(actor.tenantId(), q);
            // One transaction for all the statements of a search: each transaction of its own cost a
            // round trip to begin, another to bind the tenant and a third to commit.
            return tenants.inTenant(actor.tenantId(), () -> switch (mode) {
                case KEYWORD -> shards.keyword(q, allWords, types, where, limit).stream()
                        .map(hit -> new SearchHit(hit.shard(), hit.rank(), highlights(hit.excerpt()))).toList();
                case SEMANTIC -> page(actor, semantic(actor, vector, true, types, where, limit, null), limit);
                case HYBRID -> hybrid(actor, q, allWords, vector, types, where, limit);
            });
        });
    }

    /**
     * The semantic candidates fused with the keyword leg's (BM25 over the tenant, ShardSearch#keyword)
     * by {@link ScoreFusion}. The legs yield ids and scores; whole shards and excerpts are read
     * for the returned page only.
     */
    private List<SearchHit> hybrid(Actor actor, String q, boolean allWords, float[] vector, List<String> types, List<String> where,
            int limit) {
        int candidates = Math.max(limit * 3, 30);
        List<ChunkMatch> semantic = semantic(actor, vector, true, types, where, candidates, null);
        List<ScoreFusion.Scored> keyword = shards.keywordIds(q, allWords, types, where, candidates).stream()
                .map(hit -> new ScoreFusion.Scored(hit.id(), hit.rank())).toList();
        List<ScoreFusion.Fused> fused = ScoreFusion.fuse(keyword,
                semantic.stream().map(match -> new ScoreFusion.Scored(match.shardId(), match.similarity())).toList()).stream().limit(limit).toList();
        List<UUID> pageIds = fused.stream().map(ScoreFusion.Fused::id).toList();
        Map<UUID, Shard> page = shards.readable(pageIds, types, where);
        // The best chunk says more than a keyword excerpt: it is what matched by meaning.
        Map<UUID, ChunkMatch> bestChunk = new HashMap<>();
        semantic.stream().filter(match -> page.containsKey(match.shardId())).forEach(match -> bestChunk.put(match.shardId(), match));
        Map<String, String> contents = chunks.contents(actor.tenantId(), bestChunk.values());
        List<UUID> keywordOnly = pageIds.stream().filter(id -> page.containsKey(id) && !bestChunk.containsKey(id)).toList();
        Map<UUID, String> excerpts = keywordOnly.isEmpty() ? Map.of() : shards.excerpts(q, !allWords, keywordOnly);
        List<SearchHit> hits = new ArrayList<>();
        for (ScoreFusion.Fused hit : fused) {
            Shard shard = page.get(hit.id());
            if (shard != null) {
                ChunkMatch chunk = bestChunk.get(hit.id());
                String highlight = chunk != null ? contents.get(Chunks.key(chunk.shardId(), chunk.chunkNo())) : excerpts.get(hit.id());
                hits.add(new SearchHit(shard, hit.score(), highlights(highlight)));
            }
        }
        return hits;
    }

    public Answer ask(String question, List<String> types, int limit) {
        actors.requireRole(Role.VIEWER);
        String q = checkText(question, "/question");
        checkLimit(limit, MAX_ASK_LIMIT);
        List<Answers.Passage> passages = new ArrayList<>();
        for (SearchHit hit : search(q, SearchMode.HYBRID, types, null, limit)) {
            String text = hit.highlights() == null || hit.highlights().isEmpty() ? "" : hit.highlights().get(0);
            if (!text.startsWith(ShardText.render(hit.shard(), List.of()).header() + "\n")) {
                text = ShardText.render(hit.shard(), List.of()).header() + "\n" + text;
            }
            passages.add(new Answers.Passage(hit.shard().id(), text));
        }
        return answers.answer(q, passages);
    }

    /** Shards closest in meaning to shard {@code id} (its chunks' mean direction), itself excluded. */
    public List<SearchHit> similar(UUID id, List<String> types, List<String> where, int limit) {
        Actor actor = actors.requireRole(Role.VIEWER);
        checkLimit(limit, MAX_LIMIT);
        ShardSearch.validate(types, where);
        Shard shard = shardService.get(id, false);
        return permits.run(() -> {
            List<float[]> vectors = tenants.inTenant(actor.tenantId(), () -> chunks.vectors(actor.tenantId(), id));
            if (vectors.isEmpty()) {
                throw ApiException.conflict("Shard " + id + " has no embedding yet (embeddingStatus " + shard.embeddingStatus()
                        + "); similar shards are found once it is ready");
            }
            return tenants.inTenant(actor.tenantId(),
                    () -> page(actor, semantic(actor, Vectors.centroid(vectors), false, types, where, limit, id), limit));
        });
    }

    /** Schedules the re-embedding of every shard of the caller's tenant; false when one is already pending. */
    public boolean reindex() {
        actors.requireRole(Role.ADMIN);
        return jobs.schedule(ReindexJob.NAME, "tenant", clock.instant(), JsonNodeFactory.instance.objectNode());
    }

    /**
     * The best chunk or sentence of each of the {@code wanted} shards nearest to {@code query} that
     * the caller may read under the filters, nearest first. Shards are found by their chunks: at
     * least {@link #MIN_CHUNK_ROWS} rows are fetched (a shard has several chunks; shards are
     * filtered out), again deeper when too few shards came through. With sentence vectors every
     * shard found is then ranked by its closest chunk or sentence: a question about one fact of a
     * long note is nearer that fact's sentence than the whole chunk. With {@code correctHubness},
     * the query loses part of the tenant's mean direction first: texts near that mean (one-line
     * shards, field lines, greetings) are near every question, and the correction lowers them by
     * their similarity to it (d·(q − b·m) = d·q − b·d·m), leaving specific texts ahead. Runs in
     * the caller's tenant transaction.
     */
    private List<ChunkMatch> semantic(Actor actor, float[] query, boolean correctHubness, List<String> types, List<String> where, int wanted,
            UUID exclude) {
        VectorIndex.Searcher index = indexes.current().searcher(actor.tenantId());
        float[] q = correctHubness && hubnessCorrection > 0 ? Vectors.withoutDirection(query, index.meanDirection(), hubnessCorrection) : query;
        int depth = Math.max(wanted * CHUNKS_PER_SHARD, MIN_CHUNK_ROWS);
        while (true) {
            List<ChunkMatch> matches = index.nearest(q, depth);
            Map<UUID, ChunkMatch> best = new LinkedHashMap<>();
            for (ChunkMatch match : matches) {
                if (!match.shardId().equals(exclude)) {
                    best.putIfAbsent(match.shardId(), match);
                }
            }
            Set<UUID> readable = shards.readableIds(best.keySet(), types, where);
            boolean exhausted = matches.size() < depth || depth >= MAX_CHUNK_CANDIDATES;
            if (readable.size() >= wanted || exhausted) {
                List<ChunkMatch> found = best.values().stream().filter(match -> readable.contains(match.shardId())).toList();
                if (!sentenceVectors) {
                    return found.stream().limit(wanted).toList();
                }
                Map<UUID, ChunkMatch> sentences = index.closestSentences(q, readable);
                return found.stream().map(match -> closer(match, sentences.get(match.shardId())))
                        .sorted(Comparator.comparingDouble(ChunkMatch::similarity).reversed()).limit(wanted).toList();
            }
            depth = Math.min(depth * 4, MAX_CHUNK_CANDIDATES);
        }
    }

    private static ChunkMatch closer(ChunkMatch chunk, ChunkMatch sentence) {
        return sentence != null && sentence.similarity() > chunk.similarity() ? sentence : chunk;
    }

    /** The first {@code limit} semantic matches as hits: whole shards and their best chunk, read for this page only. */
    private List<SearchHit> page(Actor actor, List<ChunkMatch> matches, int limit) {
        List<ChunkMatch> kept = matches.stream().limit(limit).toList();
        Map<UUID, Shard> page = shards.readable(kept.stream().map(ChunkMatch::shardId).toList(), null, null);
        Map<String, String> contents = chunks.contents(actor.tenantId(), kept);
        List<SearchHit> hits = new ArrayList<>();
        for (ChunkMatch match : kept) {
            Shard shard = page.get(match.shardId());
            if (shard != null) {
                hits.add(new SearchHit(shard, match.similarity(), highlights(contents.get(Chunks.key(match.shardId(), match.chunkNo())))));
            }
        }
        return hits;
    }

    private static List<String> highlights(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.strip());
    }

    private static String checkText(String text, String pointer) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest(pointer.substring(1) + " is required", pointer);
        }
        if (text.length() > MAX_QUERY_CHARS) {
            throw ApiException.badRequest(pointer.substring(1) + " must have at most " + MAX_QUERY_CHARS + " characters", pointer);
        }
        return text.strip();
    }

    private static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw ApiException.badRequest("limit must be between 1 and " + max, "/limit");
        }
    }
}
