package io.castiel.search.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits text into chunks that fit the embedding model's window (all-MiniLM-L6-v2 reads 256 word
 * pieces; English averages about 1.3 pieces a word, so 150 words leave room for the header and
 * long words). Chunks end at sentence boundaries where possible; a sentence longer than a chunk is
 * cut between words. Each chunk repeats the last words of the one before, so a passage that
 * straddles a boundary is still found whole in one of them.
 */
public final class TextChunker {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;:])\\s+|\\n\\s*\\n|\\n(?=\\s*[-*•])");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Only full stops: the field line ("industry: Energy; country: AT.") stays one sentence. */
    private static final Pattern FULL_STOP = Pattern.compile("(?<=[.!?])\\s+");

    private final int maxWords;
    private final int overlapWords;

    public TextChunker(int maxWords, int overlapWords) {
        this.maxWords = maxWords;
        this.overlapWords = overlapWords;
    }

    public List<String> split(String text) {
        List<String> chunks = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return chunks;
        }
        List<String> current = new ArrayList<>();
        int fresh = 0;
        for (String sentence : SENTENCE_END.split(text.strip())) {
            List<String> words = words(sentence);
            if (words.isEmpty()) {
                continue;
            }
            if (!current.isEmpty() && current.size() + words.size() > maxWords && fresh > 0) {
                chunks.add(String.join(" ", current));
                current = overlap(current);
                fresh = 0;
            }
            for (String word : words) {
                if (current.size() >= maxWords) {
                    chunks.add(String.join(" ", current));
                    current = overlap(current);
                    fresh = 0;
                }
                current.add(word);
                fresh++;
            }
        }
        if (fresh > 0) {
            chunks.add(String.join(" ", current));
        }
        return chunks;
    }

    /** The sentences of a text, for extractive answers. */
    public static List<String> sentences(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(SENTENCE_END.split(text.strip())).map(s -> WHITESPACE.matcher(s).replaceAll(" ").strip())
                .filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The sentences of a chunk that get vectors of their own beside the chunk's: none for a chunk
     * of one sentence (its vector would be the chunk's).
     */
    public static List<String> ownSentences(String chunk) {
        List<String> sentences = Arrays.stream(FULL_STOP.split(chunk.strip())).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return sentences.size() > 1 ? sentences : List.of();
    }

    private List<String> overlap(List<String> previous) {
        return new ArrayList<>(previous.subList(Math.max(0, previous.size() - overlapWords), previous.size()));
    }

    private static List<String> words(String sentence) {
        String stripped = sentence.strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(WHITESPACE.split(stripped));
    }
}
