package io.castiel.realtime.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.tomcat.websocket.EncodedTextFrames;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import io.castiel.platform.BearerAuthentication;
import io.castiel.platform.BearerTokens;

/**
 * One connected client: who it is (once authenticated), what it subscribed to, and its outgoing
 * queue. Everything sent to it goes through the bounded queue and is written by one drain task at
 * a time on the send executor, so the thread that fans out events never waits for a client: when
 * the queue is full, or one write has been blocked longer than the send timeout, the socket is
 * closed as a slow consumer instead.
 */
final class ClientSocket extends Recipient {

    private static final Logger log = LoggerFactory.getLogger(ClientSocket.class);

    /** Closes the session once the messages queued before it are written. */
    private record CloseAfter(CloseStatus status) {
    }

    final WebSocketSession session;
    /** The container's own session, for batching; null where the session is not a container's. */
    private final jakarta.websocket.Session container;
    private final Executor sender;
    private final ScheduledExecutorService timer;
    private final long flushDelayNanos;
    private final int maxMessages;
    private final long maxBytes;
    private final long sendTimeoutNanos;

    private final ConcurrentLinkedQueue<Object> outgoing = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedMessages = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long sendingSince;
    private volatile long lastDrainEnded;

    /** The credential the socket authenticated with (re-checked for revocation before each request). */
    volatile BearerAuthentication bearer;
    /** Tells the socket when its credential is revoked; cancelled when the socket ends or authenticates again. */
    volatile BearerTokens.Watch revocationWatch;
    volatile Instant expiresAt;
    volatile ScheduledFuture<?> expiry;
    volatile long lastSeenNanos = System.nanoTime();
    /** What the socket watches ({@code watch} messages), by {@link SocketWatches.SocketWatch#key()}. */
    final java.util.Map<String, SocketWatches.SocketWatch> watches = new java.util.concurrent.ConcurrentHashMap<>();

    ClientSocket(WebSocketSession session, Executor sender, ScheduledExecutorService timer, long flushDelayNanos, int maxMessages,
            long maxBytes, long sendTimeoutNanos) {
        this.session = session;
        this.container = session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session own ? own : null;
        this.sender = sender;
        this.timer = timer;
        this.flushDelayNanos = flushDelayNanos;
        this.lastDrainEnded = System.nanoTime() - flushDelayNanos; // quiet so far: the first message goes at once
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.sendTimeoutNanos = sendTimeoutNanos;
    }

    @Override
    boolean isClosed() {
        return closed.get();
    }

    /** Whether a write has been blocked longer than the send timeout (the client stopped reading). */
    boolean stuck() {
        long since = sendingSince;
        return since != 0 && System.nanoTime() - since > sendTimeoutNanos;
    }

    /**
     * Queues a message without ever blocking; false when the socket is closed or its queue is
     * full (the caller then drops the client).
     */
    boolean offer(WebSocketMessage<?> message) {
        if (closed.get()) {
            return false;
        }
        long size = message.getPayloadLength();
        if (queuedMessages.incrementAndGet() > maxMessages || queuedBytes.addAndGet(size) > maxBytes || stuck()) {
            queuedMessages.decrementAndGet();
            queuedBytes.addAndGet(-size);
            return false;
        }
        outgoing.add(message);
        drain();
        return true;
    }

    /** Sends what is queued, then closes with {@code status} (e.g. an error message followed by the close). */
    void closeAfterPending(CloseStatus status) {
        if (!closed.get()) {
            outgoing.add(new CloseAfter(status));
            drain();
        }
    }

    /** Closes now, dropping what is queued; the close itself runs on the send executor so the caller never waits. */
    void abort(CloseStatus status) {
        if (closed.compareAndSet(false, true)) {
            cancelExpiry();
            cancelRevocationWatch();
            outgoing.clear();
            sender.execute(() -> closeSession(status));
        }
    }

    /** Marks the socket gone (the client closed it); nothing more is sent. */
    void closed() {
        closed.set(true);
        cancelExpiry();
        cancelRevocationWatch();
        outgoing.clear();
    }

    void cancelRevocationWatch() {
        BearerTokens.Watch watch = revocationWatch;
        if (watch != null) {
            watch.cancel();
        }
    }

    void cancelExpiry() {
        ScheduledFuture<?> pending = expiry;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /**
     * Starts a drain unless one is running. A socket that was written to within the flush delay is
     * in a burst: its drain waits out the rest of the delay, so that the events arriving meanwhile
     * leave together in one write instead of one write (and one task) each. The first event after
     * a quiet spell goes at once.
     */
    private void drain() {
        if (draining.compareAndSet(false, true)) {
            long sinceLast = System.nanoTime() - lastDrainEnded;
            if (flushDelayNanos > 0 && sinceLast < flushDelayNanos) {
                try {
                    timer.schedule(() -> sender.execute(this::sendQueued), flushDelayNanos - sinceLast, TimeUnit.NANOSECONDS);
                    return;
                } catch (RejectedExecutionException e) {
                    // shutting down: send at once
                }
            }
            sender.execute(this::sendQueued);
        }
    }

    private void sendQueued() {
        while (true) {
            boolean batching = false;
            Object next;
            while ((next = outgoing.poll()) != null) {
                if (closed.get()) {
                    outgoing.clear();
                    break;
                }
                if (next instanceof CloseAfter close) {
                    batching = endBatch(batching);
                    if (closed.compareAndSet(false, true)) {
                        cancelExpiry();
                        closeSession(close.status());
                    }
                    outgoing.clear();
                    break;
                }
                if (!batching && !outgoing.isEmpty()) {
                    batching = startBatch();
                }
                WebSocketMessage<?> message = (WebSocketMessage<?>) next;
                sendingSince = System.nanoTime();
                try {
                    send(message);
                } catch (IOException | RuntimeException e) {
                    // A write that timed out (the client stopped reading) or a broken connection.
                    log.debug("WebSocket {} send failed: {}", session.getId(), e.toString());
                    abort(RealtimeHandler.SLOW_CONSUMER);
                } finally {
                    sendingSince = 0;
                    queuedMessages.decrementAndGet();
                    queuedBytes.addAndGet(-message.getPayloadLength());
                }
            }
            endBatch(batching);
            lastDrainEnded = System.nanoTime();
            draining.set(false);
            // Something queued between the last poll and releasing the flag: drain it too.
            if (outgoing.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }

    /**
     * A text message goes out as the bytes it was encoded to once for all its sockets (see
     * {@link EncodedTextFrames}); anything else, or a session that is not the container's, through
     * the session.
     */
    private void send(WebSocketMessage<?> message) throws IOException {
        if (container == null || !(message instanceof TextMessage text) || !EncodedTextFrames.send(container, text.asBytes())) {
            session.sendMessage(message);
        }
    }

    /**
     * With more messages waiting behind the one being sent, lets the container gather them into
     * its output buffer so that a backlog leaves in a few socket writes instead of one per message
     * (a socket subscribed to a busy tenant gets hundreds of events a second). Only for the length
     * of one drain: the buffer is flushed when it ends, so nothing (a pong included) waits in it.
     */
    private boolean startBatch() {
        if (container != null && container.isOpen()) {
            try {
                container.getBasicRemote().setBatchingAllowed(true);
                return true;
            } catch (IOException | RuntimeException e) {
                log.debug("WebSocket {} cannot batch: {}", session.getId(), e.toString());
            }
        }
        return false;
    }

    /** Flushes what a batch gathered; always returns false (no batch any more). */
    private boolean endBatch(boolean batching) {
        if (batching) {
            sendingSince = System.nanoTime();
            try {
                container.getBasicRemote().setBatchingAllowed(false);
            } catch (IOException | RuntimeException e) {
                log.debug("WebSocket {} flush failed: {}", session.getId(), e.toString());
                abort(RealtimeHandler.SLOW_CONSUMER);
            } finally {
                sendingSince = 0;
            }
        }
        return false;
    }

    private void closeSession(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("WebSocket {} close failed: {}", session.getId(), e.toString());
        }
    }
}
