package io.castiel.identity.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.castiel.platform.Mailer;

/**
 * Account mails (password reset, email verification) leave off the request thread, in order, on
 * one background worker. A request therefore answers in the same time whether or not a mail goes
 * out (no account enumeration through timing), and a slow or failing mail relay never fails the
 * request. A mail written inside a transaction leaves only after it commits.
 */
@Component
class AccountMail implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AccountMail.class);

    private final Mailer mailer;
    private final ThreadPoolExecutor worker;

    AccountMail(Mailer mailer) {
        this.mailer = mailer;
        // Bounded: a flood of reset requests is dropped (and logged) rather than filling the heap.
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000), runnable -> {
            Thread thread = new Thread(runnable, "account-mail");
            thread.setDaemon(true);
            return thread;
        }, (runnable, executor) -> log.warn("Account mail queue is full; a request was dropped"));
    }

    /** Runs work in the background, after the current transaction commits if there is one. */
    void later(Runnable work) {
        Runnable guarded = () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("Account mail work failed", e);
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.execute(guarded);
                }
            });
        } else {
            worker.execute(guarded);
        }
    }

    void send(Mailer.Mail mail) {
        later(() -> mailer.send(mail));
    }

    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
