package io.castiel.search.internal;

import java.util.concurrent.CountDownLatch;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * A JVM that exits while an embedding worker is inside ONNX Runtime: the embedding configuration
 * in a context closed by Spring's shutdown hook (as a test JVM's contexts are), two threads embedding
 * a text of about one model window (512 tokens) without pause, then {@code System.exit(0)} after {@code args[0]} ms. {@code args[1]} (ms, default
 * 0) keeps the JVM's shutdown going that long in a hook of its own, as closing the application's
 * context does (the web server, the connection pool, the embedded PostgreSQL). With {@code args[2]}
 * {@code during-load} the model is not loaded first: the workers' first embedding loads it, and the
 * exit comes while ONNX Runtime creates the session (as in bench/README.md, issue 18). A run that ends other than
 * with exit code 0 (SIGSEGV: 134, and an hs_err file) is the crash of issue "onnx-exit";
 * {@code bench/onnx-exit/repro.sh} runs it many times. Not a test: a JVM of its own per run.
 */
public final class OnnxExitReproduction {

    private static final String TEXT = "The customer complained that the new price list is far too expensive, "
            + "and asked for a call with the account manager before the renewal date next month. ".repeat(12);

    private OnnxExitReproduction() {
    }

    public static void main(String[] args) throws InterruptedException {
        long delayMillis = Long.parseLong(args[0]);
        long shutdownMillis = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(shutdownMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "application-shutdown"));
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(EmbeddingConfiguration.class);
        context.registerShutdownHook();
        EmbeddingModel model = context.getBean(EmbeddingModel.class);
        if (!(args.length > 2 && args[2].equals("during-load"))) {
            model.embed("load the model");
        }
        CountDownLatch started = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            Thread worker = new Thread(() -> {
                started.countDown();
                long embedded = 0;
                while (true) {
                    try {
                        model.embed(TEXT);
                        embedded++;
                    } catch (IllegalStateException closed) {
                        // The model refuses work once the context closes it: the node is stopping.
                        System.out.println(Thread.currentThread().getName() + " stopped after " + embedded + " embeddings: "
                                + closed.getMessage());
                        return;
                    }
                }
            }, "embedding-worker-" + i);
            worker.setDaemon(true);
            worker.start();
        }
        started.await();
        Thread.sleep(delayMillis);
        System.exit(0);
    }
}
