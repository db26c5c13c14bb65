package io.castiel.realtime.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.castiel.platform.EventMessage;
import io.castiel.realtime.Watchable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code watch} and {@code unwatch} messages of {@code /ws} and the stale messages they lead
 * to (see {@link Watchable}). Each socket's watch coalesces on its own: the first stale part after
 * a quiet second goes out at once, the parts arriving within the second after it wait and leave
 * together when it ends, so a busy tenant costs a watcher one message a second and loses nothing.
 */
@Component
class SocketWatches implements DisposableBean {

    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final int MAX_WATCHES = 20;
    private static final Logger log = LoggerFactory.getLogger(SocketWatches.class);

    /** One socket's watch of one thing; its methods are synchronized, as events, the timer and the client all reach it. */
    static final class SocketWatch {

        final Watchable kind;
        final UUID id;
        final BiConsumer<ClientSocket, JsonNode> sender;
        volatile Watchable.Watch watch;
        private final Set<String> pending = new LinkedHashSet<>();
        private long lastSentNanos = System.nanoTime() - INTERVAL_NANOS;
        private boolean scheduled;
        private boolean ended;

        SocketWatch(Watchable kind, UUID id, Watchable.Watch watch, BiConsumer<ClientSocket, JsonNode> sender) {
            this.kind = kind;
            this.id = id;
            this.watch = watch;
            this.sender = sender;
        }

        String key() {
            return key(kind, id);
        }

        static String key(Watchable kind, UUID id) {
            return kind.idField() + ":" + id;
        }
    }

    private final List<Watchable> kinds;
    private final JsonMapper json;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ws-watch-timer");
        thread.setDaemon(true);
        return thread;
    });

    SocketWatches(ObjectProvider<Watchable> kinds, JsonMapper json) {
        this.kinds = kinds.orderedStream().toList();
        this.json = json;
    }

    /** {@code {"type":"watch","<idField>":id}}: answered {@code watching}, or an error when there is nothing the socket's user may watch. */
    void watch(ClientSocket socket, JsonNode request, BiConsumer<ClientSocket, JsonNode> send) {
        Optional<Target> target = target(socket, request, send, "watch");
        if (target.isEmpty()) {
            return;
        }
        Watchable kind = target.get().kind();
        UUID id = target.get().id();
        if (!socket.watches.containsKey(SocketWatch.key(kind, id)) && socket.watches.size() >= MAX_WATCHES) {
            send.accept(socket, error("too_many_watches", "At most " + MAX_WATCHES + " watches per socket", kind, id));
            return;
        }
        Optional<Watchable.Watch> watch = kind.open(socket.actor, id);
        if (watch.isEmpty()) {
            send.accept(socket, error("not_found", "There is no " + kind.idField() + " " + id + " this user may watch", kind, id));
            return;
        }
        socket.watches.put(SocketWatch.key(kind, id), new SocketWatch(kind, id, watch.get(), send));
        send.accept(socket, message("watching", kind, id));
    }

    /** {@code {"type":"unwatch","<idField>":id}}: answered {@code unwatched}, whether or not it was watched. */
    void unwatch(ClientSocket socket, JsonNode request, BiConsumer<ClientSocket, JsonNode> send) {
        Optional<Target> target = target(socket, request, send, "unwatch");
        if (target.isEmpty()) {
            return;
        }
        SocketWatch removed = socket.watches.remove(SocketWatch.key(target.get().kind(), target.get().id()));
        if (removed != null) {
            synchronized (removed) {
                removed.ended = true;
            }
        }
        send.accept(socket, message("unwatched", target.get().kind(), target.get().id()));
    }

    /**
     * Judges a committed event for the watches of these sockets (of its tenant, on this node).
     * {@code mayRead} says whether the socket's user may read what the event is about: a change it
     * could not see makes nothing stale for it.
     */
    void onEvent(EventMessage event, Collection<ClientSocket> sockets, BiPredicate<ClientSocket, EventMessage> mayRead) {
        for (ClientSocket socket : sockets) {
            for (SocketWatch watch : socket.watches.values()) {
                try {
                    judge(socket, watch, event, mayRead);
                } catch (RuntimeException e) {
                    log.warn("Judging event {} ({}) for a watch of {} {} failed", event.id(), event.type(), watch.kind.idField(), watch.id, e);
                }
            }
        }
    }

    private void judge(ClientSocket socket, SocketWatch watch, EventMessage event, BiPredicate<ClientSocket, EventMessage> mayRead) {
        if (watch.watch.changedBy(event)) {
            Optional<Watchable.Watch> reopened = watch.kind.open(socket.actor, watch.id);
            if (reopened.isEmpty()) {
                socket.watches.remove(watch.key(), watch);
                synchronized (watch) {
                    watch.ended = true;
                }
                watch.sender.accept(socket, error("watch_ended", "The watched " + watch.kind.idField() + " " + watch.id
                        + " was deleted or is no longer visible to this user", watch.kind, watch.id));
                return;
            }
            watch.watch = reopened.get();
        }
        Set<String> parts = watch.watch.staleBy(event);
        if (!parts.isEmpty() && mayRead.test(socket, event)) {
            stale(socket, watch, parts);
        }
    }

    private void stale(ClientSocket socket, SocketWatch watch, Set<String> parts) {
        synchronized (watch) {
            if (watch.ended) {
                return;
            }
            watch.pending.addAll(parts);
            if (watch.scheduled) {
                return;
            }
            long wait = watch.lastSentNanos + INTERVAL_NANOS - System.nanoTime();
            if (wait > 0) {
                watch.scheduled = true;
                try {
                    timer.schedule(() -> flush(socket, watch), wait, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    watch.scheduled = false; // shutting down
                }
                return;
            }
        }
        flush(socket, watch);
    }

    private void flush(ClientSocket socket, SocketWatch watch) {
        Set<String> parts;
        synchronized (watch) {
            watch.scheduled = false;
            if (watch.ended || watch.pending.isEmpty() || socket.isClosed()) {
                watch.pending.clear();
                return;
            }
            parts = new TreeSet<>(watch.pending);
            watch.pending.clear();
            watch.lastSentNanos = System.nanoTime();
        }
        ObjectNode message = message(watch.kind.staleType(), watch.kind, watch.id);
        parts.forEach(message.putArray(watch.kind.partsField())::add);
        watch.sender.accept(socket, message);
    }

    private record Target(Watchable kind, UUID id) {
    }

    private Optional<Target> target(ClientSocket socket, JsonNode request, BiConsumer<ClientSocket, JsonNode> send, String type) {
        for (Watchable kind : kinds) {
            JsonNode id = request.get(kind.idField());
            if (id != null) {
                try {
                    return Optional.of(new Target(kind, UUID.fromString(id.isString() ? id.asString() : "")));
                } catch (IllegalArgumentException e) {
                    send.accept(socket, json.createObjectNode().put("type", "error").put("code", "bad_request")
                            .put("message", kind.idField() + " must be an id"));
                    return Optional.empty();
                }
            }
        }
        send.accept(socket, json.createObjectNode().put("type", "error").put("code", "bad_request").put("message",
                type + " needs one of " + kinds.stream().map(Watchable::idField).toList()));
        return Optional.empty();
    }

    private ObjectNode message(String type, Watchable kind, UUID id) {
        return json.createObjectNode().put("type", type).put(kind.idField(), id.toString());
    }

    private ObjectNode error(String code, String text, Watchable kind, UUID id) {
        return json.createObjectNode().put("type", "error").put("code", code).put("message", text).put(kind.idField(), id.toString());
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
