package io.castiel.graphql.internal;

import java.util.List;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

import graphql.GraphQLContext;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.EventMessage;
import io.castiel.realtime.LiveEvents;
import reactor.core.publisher.Flux;

/** {@code shardEvents}: the realtime module's live events, filtered for the subscriber exactly as {@code /ws} filters them. */
@Controller
class EventSubscriptionController {

    private final LiveEvents live;
    private final ActorContext actors;

    EventSubscriptionController(LiveEvents live, ActorContext actors) {
        this.live = live;
        this.actors = actors;
    }

    @SubscriptionMapping
    Flux<EventMessage> shardEvents(@Argument List<String> types, @Argument List<String> events, GraphQLContext context) {
        Actor actor = context.hasKey(SocketAuthentication.ACTOR) ? context.get(SocketAuthentication.ACTOR) : actors.current();
        return live.subscribe(actor, events, types);
    }
}
