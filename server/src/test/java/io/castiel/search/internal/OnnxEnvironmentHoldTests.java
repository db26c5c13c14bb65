package io.castiel.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import ai.onnxruntime.OrtEnvironment;
import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * The local model's part in a clean JVM exit: it holds a reference on ONNX Runtime's environment
 * (so ONNX Runtime's own shutdown hook cannot free it under an inference), and closing it waits for
 * the embedding under way and refuses later ones. {@code bench/onnx-exit/repro.sh} exits JVMs.
 */
class OnnxEnvironmentHoldTests {

    @Test
    void takesAReferenceOnTheEnvironmentThroughTheBindingsNatives() {
        // Fails if an ONNX Runtime upgrade renamed the natives this relies on: the hold would be empty.
        OnnxEnvironmentHold.Held held = OnnxEnvironmentHold.take();
        try {
            assertThat(held.hold()).isNotNull();
            assertThat(held.environment()).isSameAs(OrtEnvironment.getEnvironment());
        } finally {
            held.release();
        }
    }

    @Test
    void closingTheModelWaitsForTheEmbeddingUnderWayAndRefusesLaterOnes() throws InterruptedException {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(EmbeddingConfiguration.class);
        EmbeddingModel model = context.getBean(EmbeddingModel.class);
        assertThat(model.embed("loaded before the close").content().vector()).hasSize(EmbeddingConfiguration.DIMENSIONS);
        CountDownLatch embedding = new CountDownLatch(1);
        AtomicReference<RuntimeException> stopped = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                while (true) {
                    model.embed("a text embedded again and again until the model is closed");
                    embedding.countDown();
                }
            } catch (RuntimeException e) {
                stopped.set(e);
            }
        }, "embedding-worker-test");
        worker.start();
        embedding.await();

        context.close();
        worker.join(10_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(stopped.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> model.embed("after the close")).isInstanceOf(IllegalStateException.class);
    }
}
