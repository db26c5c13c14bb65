package io.castiel.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TextChunkerTests {

    @Test
    void shortTextIsOneChunk() {
        assertThat(new TextChunker(150, 30).split("One sentence. Another one.")).containsExactly("One sentence. Another one.");
    }

    @Test
    void blankTextHasNoChunks() {
        assertThat(new TextChunker(150, 30).split("  \n ")).isEmpty();
    }

    @Test
    void longTextIsCutAtSentencesWithinTheLimitAndOverlaps() {
        String text = IntStream.range(0, 40).mapToObj(i -> "Sentence number " + i + " has exactly seven words.").collect(Collectors.joining(" "));

        List<String> chunks = new TextChunker(50, 10).split(text);

        assertThat(chunks).hasSizeGreaterThan(5);
        chunks.forEach(chunk -> assertThat(chunk.split(" ")).hasSizeLessThanOrEqualTo(50));
        assertThat(chunks.get(0)).endsWith("words.");
        String lastWordsOfFirst = String.join(" ", List.of(chunks.get(0).split(" ")).subList(chunks.get(0).split(" ").length - 10,
                chunks.get(0).split(" ").length));
        assertThat(chunks.get(1)).startsWith(lastWordsOfFirst);
        assertThat(String.join(" ", chunks)).contains("Sentence number 39 has exactly seven words.");
    }

    @Test
    void aSentenceLongerThanAChunkIsCutBetweenWords() {
        String text = IntStream.range(0, 120).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));

        List<String> chunks = new TextChunker(50, 5).split(text);

        chunks.forEach(chunk -> assertThat(chunk.split(" ")).hasSizeLessThanOrEqualTo(50));
        assertThat(chunks.get(chunks.size() - 1)).endsWith("w119");
        assertThat(chunks.get(1)).startsWith("w45 ");
    }

    @Test
    void sentencesAreSplitAtTheirEnds() {
        assertThat(TextChunker.sentences("First one. Second one!  Third?\n\nFourth")).containsExactly("First one.", "Second one!", "Third?", "Fourth");
    }

    @Test
    void aChunksOwnSentencesEndAtFullStopsAndKeepTheFieldLineWhole() {
        String chunk = "industry: Brewing; country: UK. The chiller failed at 2 am! Was the batch saved? Yes, all 8,000 litres.";

        assertThat(TextChunker.ownSentences(chunk)).containsExactly("industry: Brewing; country: UK.", "The chiller failed at 2 am!",
                "Was the batch saved?", "Yes, all 8,000 litres.");
    }

    @Test
    void aChunkOfOneSentenceHasNoOwnSentences() {
        assertThat(TextChunker.ownSentences("Version 2.5 ships in May.")).isEmpty();
    }
}
