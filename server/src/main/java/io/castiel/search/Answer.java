package io.castiel.search;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a question, grounded in the tenant's shards: every {@code [shardId]} in
 * {@code answer} is one of {@code citations}, which the caller may read. {@code mode} says who
 * wrote it: {@code llm} (the configured chat model, from the retrieved passages only) or
 * {@code extractive} (the most relevant sentences of the passages, quoted).
 */
public record Answer(String answer, List<Citation> citations, String mode) {

    public static final String LLM = "llm";
    public static final String EXTRACTIVE = "extractive";

    public record Citation(UUID shardId, String excerpt) {
    }
}
