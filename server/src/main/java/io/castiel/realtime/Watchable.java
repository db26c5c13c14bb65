package io.castiel.realtime;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.castiel.platform.Actor;
import io.castiel.platform.EventMessage;

/**
 * Something a {@code /ws} socket can watch, offered by the module that owns it (a bean of this
 * type is found by the socket handler): the client sends {@code {"type":"watch","<idField>":id}}
 * and, after a committed event makes some of its parts stale, gets
 * {@code {"type":"<staleType>","<idField>":id,"<partsField>":[...]}}, at most once per second per
 * watch, with the parts of every event in between merged. Realtime keeps the sockets, the timing
 * and the fan-out between nodes (every node sees every event, and judges it for its own sockets);
 * the owner says who may watch what and which events touch which parts, so realtime never reads
 * the owner's tables.
 */
public interface Watchable {

    /** The field of a watch message that names what is watched, e.g. {@code dashboardId}. */
    String idField();

    /** The type of the stale message, e.g. {@code dashboard.stale}. */
    String staleType();

    /** The field of the stale message that lists the stale parts, e.g. {@code widgetIds}. */
    String partsField();

    /**
     * What the actor may watch under this id; empty when it does not exist or the actor may not
     * see it (the two are not told apart). Called outside any request: the implementation binds
     * the actor's tenant itself.
     */
    Optional<Watch> open(Actor actor, UUID id);

    /** One opened watch: which parts an event makes stale. */
    interface Watch {

        /** The parts of the watched thing that this committed event of its tenant makes stale; empty for none. */
        Set<String> staleBy(EventMessage event);

        /**
         * Whether the event changed the watched thing itself (its definition, who may see it, its
         * existence): the watch is then opened again, and ends when that fails.
         */
        boolean changedBy(EventMessage event);
    }
}
