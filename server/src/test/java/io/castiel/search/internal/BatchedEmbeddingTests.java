package io.castiel.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The local model embeds a call's texts in batches, padded to the longest of each batch: every
 * vector must be the one LangChain4j's own model gives for that text alone, for both precisions,
 * whatever the texts around it, including a text longer than the model's window.
 */
class BatchedEmbeddingTests {

    private static final List<String> TEXTS = texts();

    private static List<String> texts() {
        List<String> texts = new ArrayList<>();
        texts.add("vendors: Vendor 17\nrating: 4; region: EU; notes: Notes for vendor 17: reliable supplier, net-30 terms, contact via the portal.");
        texts.add("note: Warehouse move\nOur logistics team relocates the Rotterdam warehouse to a bigger site in March.");
        texts.add("account: Acme");
        String sentence = "The customer said the new price list is far too expensive and they may not renew unless we offer a discount. ";
        texts.add("note: Renewal call\n" + sentence.repeat(8));
        texts.add("document: Long report\n" + sentence.repeat(30));
        texts.add("vendors: Vendor 17\nrating: 4; region: EU; notes: Notes for vendor 17: reliable supplier, net-30 terms, contact via the portal.");
        texts.add("email: Über die Lieferung – 3 × Paletten, ca. 50 °C auf dem Vorfeld!");
        return texts;
    }

    @Test
    void batchesGiveTheVectorsOfOneTextAtATime() {
        compare(EmbeddingConfiguration.LOCAL_MODEL, new AllMiniLmL6V2EmbeddingModel());
    }

    @Test
    void batchesOfTheQuantizedModelGiveItsVectorsOfOneTextAtATime() {
        compare(EmbeddingConfiguration.QUANTIZED_MODEL, new AllMiniLmL6V2QuantizedEmbeddingModel());
    }

    private static void compare(String localModel, EmbeddingModel reference) {
        AiProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("castiel.ai.embedding.local-model", localModel)))
                .bindOrCreate("castiel.ai", AiProperties.class);
        EmbeddingModel model = new EmbeddingConfiguration().embeddingModel(properties);
        try {
            List<Embedding> batched = model.embedAll(TEXTS.stream().map(TextSegment::from).toList()).content();

            assertThat(batched).hasSize(TEXTS.size());
            for (int i = 0; i < TEXTS.size(); i++) {
                float[] alone = reference.embed(TEXTS.get(i)).content().vector();
                float[] inBatch = batched.get(i).vector();
                assertThat(inBatch).hasSize(EmbeddingConfiguration.DIMENSIONS);
                assertThat(Vectors.cosine(alone, inBatch)).as("text %d", i).isGreaterThan(0.9999);
                for (int d = 0; d < alone.length; d++) {
                    assertThat(inBatch[d]).as("text %d, dimension %d", i, d).isCloseTo(alone[d], org.assertj.core.data.Offset.offset(1e-3f));
                }
            }
            assertThat(batched.get(5).vector()).as("the same text in another batch position").containsExactly(batched.get(0).vector(),
                    org.assertj.core.data.Offset.offset(1e-5f));
        } finally {
            if (model instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
