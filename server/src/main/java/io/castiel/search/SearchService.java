package io.castiel.search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.langchain4j.model.embedding.EmbeddingModel;
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
import io.castiel.search.internal.RankFusion;
import io.castiel.search.internal.ReindexJob;
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
    /**
     * The hybrid keyword leg's any-word matches among the semantic candidates must contain this
     * share of the question's words: a shard that shares one common word ("customer") with a
     * question is no evidence, and ranked in the leg it pushed the shard that answers it out of
     * the top 5 (bench/README.md, "Search (issue 6)").
     */
    static final double HYBRID_WORD_SHARE = 0.3;

    private final ShardSearch shards;
    private final ShardService shardService;
    private final Chunks chunks;
    private final VectorIndexes indexes;
    private final EmbeddingModel model;
    private final Answers answers;
    private final ActorContext actors;
    private final TenantContext tenants;
    private final Jobs jobs;
    private final Clock clock;
    private final double hubnessCorrection;

    SearchService(ShardSearch shards, ShardService shardService, Chunks chunks, VectorIndexes indexes, EmbeddingModel model, Answers answers,
            ActorContext actors, TenantContext tenants, Jobs jobs, Clock clock, AiProperties properties) {
        // Measured to help with sentence vectors only: over chunk vectors alone it lowered recall.
        this.hubnessCorrection = properties.embedding().sentenceVectors() ? properties.index().hubnessCorrection() : 0;
        this.shards = shards;
        this.shardService = shardService;
        this.chunks = chunks;
        this.indexes = indexes;
        this.model = model;
        this.answers = answers;
        this.actors = actors;
        this.tenants = tenants;
        this.jobs = jobs;
        this.clock = clock;
    }

    private List<ShardSearch.KeywordHit> keywordLeg(String q, List<String> types, List<String> where, int candidates, List<UUID> semanticIds) {
        Map<UUID, ShardSearch.KeywordHit> leg = new LinkedHashMap<>();
        shards.keyword(q, false, types, where, candidates).forEach(hit -> leg.put(hit.shard().id(), hit));
        shards.keyword(q, HYBRID_WORD_SHARE, types, where, candidates, semanticIds).forEach(hit -> leg.putIfAbsent(hit.shard().id(), hit));
        return List.copyOf(leg.values());
    }

    /** A shard found by meaning, with its best-matching chunk. */
    private record SemanticHit(Shard shard, double similarity, String chunk) {
    }

    public List<SearchHit> search(String query, SearchMode mode, List<String> types, List<String> where, int limit) {
        Actor actor = actors.requireRole(Role.VIEWER);
        String q = checkText(query, "/query");
        checkLimit(limit, MAX_LIMIT);
        ShardSearch.validate(types, where);
        int candidates = mode == SearchMode.HYBRID ? Math.max(limit * 3, 30) : limit;
        List<SemanticHit> semantic = mode == SearchMode.KEYWORD ? List.of()
                : semantic(actor, Vectors.normalized(model.embed(q).content().vector()), true, types, where, candidates, null);
        List<ShardSearch.KeywordHit> keyword = switch (mode) {
            case SEMANTIC -> List.of();
            case KEYWORD -> shards.keyword(q, false, types, where, candidates);
            // The hybrid keyword leg: shards with every word of the query, anywhere (selective, so
            // cheap), then those with only some of its words among the semantic candidates. Asked
            // of the whole tenant, the any-word match ranked most of it for every question: 7
            // hybrid searches/s with p95 1.8 s at 100k chunks, PostgreSQL at 172 %.
            case HYBRID -> keywordLeg(q, types, where, candidates, semantic.stream().map(hit -> hit.shard().id()).toList());
        };
        return switch (mode) {
            case KEYWORD -> keyword.stream().map(hit -> new SearchHit(hit.shard(), hit.rank(), highlights(hit.excerpt()))).toList();
            case SEMANTIC -> semantic.stream().limit(limit).map(hit -> new SearchHit(hit.shard(), hit.similarity(), highlights(hit.chunk())))
                    .toList();
            case HYBRID -> fuse(keyword, semantic, limit);
        };
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
        List<float[]> vectors = tenants.inTenant(actor.tenantId(), () -> chunks.vectors(actor.tenantId(), id));
        if (vectors.isEmpty()) {
            throw ApiException.conflict("Shard " + id + " has no embedding yet (embeddingStatus " + shard.embeddingStatus()
                    + "); similar shards are found once it is ready");
        }
        return semantic(actor, Vectors.centroid(vectors), false, types, where, limit, id).stream().limit(limit)
                .map(hit -> new SearchHit(hit.shard(), hit.similarity(), highlights(hit.chunk()))).toList();
    }

    /** Schedules the re-embedding of every shard of the caller's tenant; false when one is already pending. */
    public boolean reindex() {
        actors.requireRole(Role.ADMIN);
        return jobs.schedule(ReindexJob.NAME, "tenant", clock.instant(), JsonNodeFactory.instance.objectNode());
    }

    /**
     * The shards nearest {@code query}, each by its nearest chunk or sentence. With {@code
     * correctHubness}, the query loses part of the tenant's mean direction first: texts near that
     * mean (one-line shards, field lines, greetings) are near every question, and the correction
     * lowers them by their similarity to it (d·(q − b·m) = d·q − b·d·m), leaving specific texts
     * ahead. A query-side change, so it costs the same with the in-memory scan and with HNSW.
     */
    private List<SemanticHit> semantic(Actor actor, float[] query, boolean correctHubness, List<String> types, List<String> where, int wanted,
            UUID exclude) {
        UUID tenantId = actor.tenantId();
        return tenants.inTenant(tenantId, () -> {
            VectorIndex index = indexes.current();
            float[] q = correctHubness ? Vectors.withoutDirection(query, index.meanDirection(tenantId), hubnessCorrection) : query;
            // A shard has a row per chunk and per sentence: fetch deeper to see as many shards.
            int depth = Math.max(wanted * 8, 80);
            while (true) {
                List<ChunkMatch> matches = index.nearest(tenantId, q, depth);
                Map<UUID, ChunkMatch> best = new LinkedHashMap<>();
                for (ChunkMatch match : matches) {
                    if (!match.shardId().equals(exclude)) {
                        best.putIfAbsent(match.shardId(), match);
                    }
                }
                Map<UUID, Shard> readable = shards.readable(best.keySet(), types, where);
                boolean exhausted = matches.size() < depth || depth >= MAX_CHUNK_CANDIDATES;
                if (readable.size() >= wanted || exhausted) {
                    List<ChunkMatch> kept = best.values().stream().filter(m -> readable.containsKey(m.shardId())).limit(wanted).toList();
                    Map<String, String> contents = chunks.contents(tenantId, kept);
                    List<SemanticHit> hits = new ArrayList<>();
                    for (ChunkMatch match : kept) {
                        hits.add(new SemanticHit(readable.get(match.shardId()), match.similarity(),
                                contents.getOrDefault(Chunks.key(match.shardId(), match.chunkNo()), "")));
                    }
                    return hits;
                }
                depth = Math.min(depth * 4, MAX_CHUNK_CANDIDATES);
            }
        });
    }

    private static List<SearchHit> fuse(List<ShardSearch.KeywordHit> keyword, List<SemanticHit> semantic, int limit) {
        Map<UUID, Shard> byId = new HashMap<>();
        Map<UUID, String> highlight = new HashMap<>();
        keyword.forEach(hit -> {
            byId.put(hit.shard().id(), hit.shard());
            highlight.put(hit.shard().id(), hit.excerpt());
        });
        // The best chunk says more than a keyword excerpt: it is what matched by meaning.
        semantic.forEach(hit -> {
            byId.put(hit.shard().id(), hit.shard());
            highlight.put(hit.shard().id(), hit.chunk());
        });
        List<RankFusion.Fused> fused = RankFusion.fuse(List.of(keyword.stream().map(h -> h.shard().id()).toList(),
                semantic.stream().map(h -> h.shard().id()).toList()));
        return fused.stream().limit(limit).map(f -> new SearchHit(byId.get(f.id()), f.score(), highlights(highlight.get(f.id())))).toList();
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
