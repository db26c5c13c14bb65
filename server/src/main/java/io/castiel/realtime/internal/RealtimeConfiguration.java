package io.castiel.realtime.internal;

import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * {@code GET /ws}: the WebSocket endpoint. The handshake accepts same-origin pages, the origins of
 * the CORS allow-list ({@code castiel.cors.allowed-origins}, the same setting the REST API uses)
 * and clients that send no {@code Origin} (non-browser clients, which a browser page cannot
 * impersonate); any other origin gets 403. Authentication happens in the first message, so the
 * security chain lets {@code /ws} through without a bearer token.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class RealtimeConfiguration implements WebSocketConfigurer {

    /** Client messages are small (auth, subscribe): larger ones close the socket (1009). */
    private static final int MAX_CLIENT_MESSAGE = 16 * 1024;

    private final RealtimeHandler handler;
    private final List<String> allowedOrigins;

    RealtimeConfiguration(RealtimeHandler handler, Environment environment) {
        this.handler = handler;
        this.allowedOrigins = Binder.get(environment).bind("castiel.cors.allowed-origins", Bindable.listOf(String.class)).orElse(List.of());
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws").setAllowedOrigins(allowedOrigins.toArray(String[]::new));
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_CLIENT_MESSAGE);
        container.setMaxBinaryMessageBufferSize(MAX_CLIENT_MESSAGE);
        return container;
    }
}
