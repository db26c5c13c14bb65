package io.castiel.search.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.castiel.search.Answer;

/**
 * Writes answers from retrieved passages. With a chat model: the passages go into the user
 * message as quoted, delimited context blocks, never into the system message, so text inside a
 * shard ("ignore previous instructions...") is data the model is told to treat as such; the
 * model's {@code [shardId]} citations are then checked against the passages it was given and any
 * other is removed. Without one (or when it fails): the sentences of the passages closest in
 * meaning to the question, each with its citation.
 */
@Component
public class Answers {

    /** A retrieved passage: the shard it comes from and its text. */
    public record Passage(UUID shardId, String text) {
    }



    private static final Logger log = LoggerFactory.getLogger(Answers.class);
    private static final Pattern CITATION = Pattern.compile("\\[([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\]");
    private static final int EXTRACTIVE_SENTENCES = 3;
    /** Sentences considered at all, and of those (by shared words) embedded to compare with the question: each costs an inference. */
    private static final int MAX_SENTENCES = 200;
    private static final int MAX_SENTENCES_EMBEDDED = 24;
    private static final int EXCERPT_CHARS = 300;

    private final ObjectProvider<ChatModel> chat;
    private final EmbeddingModel model;
    private final EmbeddingPrefixes prefixes;

    Answers(ObjectProvider<ChatModel> chat, EmbeddingModel model, EmbeddingPrefixes prefixes) {
        this.chat = chat;
        this.model = model;
        this.prefixes = prefixes;
    }

    public Answer answer(String question, List<Passage> passages) {
        ChatModel chatModel = chat.getIfAvailable();
        if (chatModel != null && !passages.isEmpty()) {
            try {
                return fromChat(chatModel, question, passages);
            } catch (RuntimeException e) {
                log.warn("The chat model failed; answering extractively", e);
            }
        }
        return extractive(question, passages);
    }

    private Answer fromChat(ChatModel chatModel, String question, List<Passage> passages) {
        String text = chatModel.chat(SystemMessage.from(AnswerPrompts.SYSTEM), UserMessage.from(AnswerPrompts.user(question, passages))).aiMessage().text();
        Map<UUID, String> retrieved = new LinkedHashMap<>();
        passages.forEach(p -> retrieved.putIfAbsent(p.shardId(), p.text()));
        Set<UUID> cited = new LinkedHashSet<>();
        Matcher matcher = CITATION.matcher(text == null ? "" : text);
        StringBuilder kept = new StringBuilder();
        while (matcher.find()) {
            UUID id = UUID.fromString(matcher.group(1).toLowerCase());
            if (retrieved.containsKey(id)) {
                cited.add(id);
                matcher.appendReplacement(kept, Matcher.quoteReplacement("[" + id + "]"));
            } else {
                matcher.appendReplacement(kept, "");
            }
        }
        matcher.appendTail(kept);
        String answer = kept.toString().replaceAll("[ \\t]+([.,;:!?])", "$1").replaceAll("[ \\t]{2,}", " ").strip();
        List<Answer.Citation> citations = cited.stream().map(id -> new Answer.Citation(id, excerpt(retrieved.get(id)))).toList();
        return new Answer(answer, citations, Answer.LLM);
    }

    private Answer extractive(String question, List<Passage> passages) {
        record Candidate(UUID shardId, String sentence, int order) {
        }
        List<Candidate> candidates = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Passage passage : passages) {
            for (String sentence : TextChunker.sentences(body(passage.text()))) {
                if (sentence.split("\\s+").length >= 3 && seen.add(sentence) && candidates.size() < MAX_SENTENCES) {
                    candidates.add(new Candidate(passage.shardId(), sentence, candidates.size()));
                }
            }
        }
        if (candidates.isEmpty()) {
            return new Answer("None of the records you may read answers this question.", List.of(), Answer.EXTRACTIVE);
        }
        if (candidates.size() > MAX_SENTENCES_EMBEDDED) {
            Set<String> asked = words(question);
            List<Candidate> byOverlap = new ArrayList<>(candidates);
            byOverlap.sort(Comparator.comparingInt((Candidate c) -> -overlap(asked, words(c.sentence()))).thenComparingInt(Candidate::order));
            candidates = byOverlap.subList(0, MAX_SENTENCES_EMBEDDED);
        }
        float[] q = model.embed(prefixes.query(question)).content().vector();
        List<Embedding> vectors = model.embedAll(candidates.stream().map(c -> TextSegment.from(prefixes.passage(c.sentence()))).toList()).content();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            order.add(i);
        }
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            // A small bonus for the passage's rank: the retrieval already weighed keywords and meaning.
            scores[i] = Vectors.cosine(q, vectors.get(i).vector()) + 0.02 / (1 + passageRank(passages, candidates.get(i).shardId()));
        }
        order.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        List<Integer> chosen = order.subList(0, Math.min(EXTRACTIVE_SENTENCES, order.size()));
        StringBuilder answer = new StringBuilder();
        Map<UUID, List<String>> excerpts = new LinkedHashMap<>();
        for (int i : chosen) {
            Candidate candidate = candidates.get(i);
            String sentence = candidate.sentence();
            answer.append(answer.length() == 0 ? "" : " ").append(sentence.replaceAll("[.!?;:]$", "")).append(" [")
                    .append(candidate.shardId()).append("].");
            excerpts.computeIfAbsent(candidate.shardId(), id -> new ArrayList<>()).add(sentence);
        }
        List<Answer.Citation> citations = excerpts.entrySet().stream()
                .map(e -> new Answer.Citation(e.getKey(), excerpt(String.join(" … ", e.getValue())))).toList();
        return new Answer(answer.toString(), citations, Answer.EXTRACTIVE);
    }

    private static Set<String> words(String text) {
        Set<String> words = new java.util.HashSet<>();
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 2) {
                words.add(word.length() > 5 ? word.substring(0, 5) : word);
            }
        }
        return words;
    }

    private static int overlap(Set<String> a, Set<String> b) {
        int shared = 0;
        for (String word : b) {
            if (a.contains(word)) {
                shared++;
            }
        }
        return shared;
    }

    private static int passageRank(List<Passage> passages, UUID shardId) {
        for (int i = 0; i < passages.size(); i++) {
            if (passages.get(i).shardId().equals(shardId)) {
                return i;
            }
        }
        return passages.size();
    }

    /** A chunk without its header line (type and name), which is no sentence of the shard's. */
    private static String body(String chunk) {
        int newline = chunk.indexOf('\n');
        return newline < 0 ? chunk : chunk.substring(newline + 1);
    }

    private static String excerpt(String text) {
        String flat = Optional.ofNullable(text).orElse("").replaceAll("\\s+", " ").strip();
        return flat.length() <= EXCERPT_CHARS ? flat : flat.substring(0, EXCERPT_CHARS - 1) + "…";
    }
}
