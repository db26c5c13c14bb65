package io.castiel.realtime.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The sockets open on this node: all of them (heartbeats) and the authenticated ones by tenant (fan-out). */
@Component
class Sockets {

    private final Map<String, ClientSocket> all = new ConcurrentHashMap<>();
    private final Map<UUID, Set<ClientSocket>> byTenant = new ConcurrentHashMap<>();

    Sockets(MeterRegistry meters) {
        Gauge.builder("castiel.realtime.sockets", all, Map::size).description("Open WebSocket connections on this node").register(meters);
    }

    void opened(ClientSocket socket) {
        all.put(socket.session.getId(), socket);
    }

    void authenticated(ClientSocket socket) {
        byTenant.computeIfAbsent(socket.actor.tenantId(), t -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    ClientSocket find(String sessionId) {
        return all.get(sessionId);
    }

    void remove(ClientSocket socket) {
        all.remove(socket.session.getId());
        if (socket.actor != null) {
            byTenant.computeIfPresent(socket.actor.tenantId(), (tenant, sockets) -> {
                sockets.remove(socket);
                return sockets.isEmpty() ? null : sockets;
            });
        }
    }

    Collection<ClientSocket> all() {
        return List.copyOf(all.values());
    }

    Collection<ClientSocket> ofTenant(UUID tenantId) {
        Set<ClientSocket> sockets = byTenant.get(tenantId);
        return sockets == null ? List.of() : sockets;
    }
}
