package io.castiel.platform.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiKeyAuthenticator;
import io.castiel.platform.BearerAuthentication;
import io.castiel.platform.BearerTokens;
import io.castiel.platform.CastielProperties;
import io.castiel.platform.DatabaseOutages;
import io.castiel.platform.Role;
import io.castiel.platform.SessionRevocations;
import io.castiel.platform.SigningKeys;

/**
 * {@link BearerTokens}: an API key ({@code ck_} prefix) goes to the {@link ApiKeyAuthenticator},
 * anything else is verified as an access token (see {@link AccessTokenDecoder}) and its session
 * family looked up in {@link SessionRevocations}. Dispatching on the prefix keeps a key from ever
 * reaching the JWT parser and a JWT from costing a key lookup. The revocation check stays outside
 * the cache of verified tokens, so a revocation also ends tokens that were already verified.
 */
@Component
class BearerTokenVerifier implements BearerTokens, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenVerifier.class);
    private static final int MAX_CACHED_TOKENS = 50_000;

    private final JwtDecoder accessTokens;
    private final ApiKeyAuthenticator apiKeys;
    private final SessionRevocations revocations;
    private final DatabaseOutages outages;
    private final Set<RevocationWatch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "revocation-watch");
        thread.setDaemon(true);
        return thread;
    });

    BearerTokenVerifier(SigningKeys keys, CastielProperties properties, Clock clock, ApiKeyAuthenticator apiKeys,
            SessionRevocations revocations, DatabaseOutages outages) {
        CastielProperties.Security security = properties.security();
        this.accessTokens = new CachingJwtDecoder(AccessTokenDecoder.create(keys, security, clock), clock, security.accessTokenTtl(),
                MAX_CACHED_TOKENS);
        this.apiKeys = apiKeys;
        this.revocations = revocations;
        this.outages = outages;
        long interval = security.revocationCheckInterval().toMillis();
        timer.scheduleWithFixedDelay(this::checkWatches, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<BearerAuthentication> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        if (token.startsWith(ApiKeyAuthenticator.PREFIX)) {
            return apiKeys.authenticate(token).map(actor -> new BearerAuthentication(actor, null, null, token));
        }
        Jwt jwt;
        try {
            jwt = accessTokens.decode(token);
        } catch (JwtException e) {
            return Optional.empty();
        }
        // The decoder's validators made sure these claims are present and well formed.
        Actor actor = actorOf(jwt);
        UUID sessionId = UUID.fromString(jwt.getClaimAsString(ActorContext.SESSION_CLAIM));
        if (revocations.isRevoked(actor.tenantId(), sessionId)) {
            return Optional.empty();
        }
        return Optional.of(new BearerAuthentication(actor, sessionId, jwt.getExpiresAt(), token));
    }

    @Override
    public boolean isRevoked(BearerAuthentication authentication) {
        try {
            if (authentication.isApiKey()) {
                return apiKeys.authenticate(authentication.token()).isEmpty();
            }
            return revocations.isRevoked(authentication.actor().tenantId(), authentication.sessionId());
        } catch (RuntimeException e) {
            // Unknown while the database is away: an open connection goes on, and its watch asks
            // again; a new request still fails on the outage in authenticate.
            if (outages.report(e, "revocation check")) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Watch watch(BearerAuthentication authentication, Runnable onRevoked) {
        RevocationWatch watch = new RevocationWatch(authentication, onRevoked);
        watches.add(watch);
        return watch;
    }

    private void checkWatches() {
        for (RevocationWatch watch : watches) {
            try {
                if (isRevoked(watch.authentication)) {
                    watch.fire();
                }
            } catch (RuntimeException e) {
                // One failing check must not end the others' watches; this one is checked again next time.
                log.warn("Revocation check of {} failed", watch.authentication.actor(), e);
            }
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    private static Actor actorOf(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (jwt.getClaims().get(ActorContext.ROLES_CLAIM) instanceof Collection<?> values) {
            values.forEach(v -> Role.fromWire(String.valueOf(v)).ifPresent(roles::add));
        }
        return new Actor(UUID.fromString(jwt.getSubject()), UUID.fromString(jwt.getClaimAsString(ActorContext.TENANT_CLAIM)),
                Set.copyOf(roles));
    }

    private final class RevocationWatch implements Watch {

        private final BearerAuthentication authentication;
        private final Runnable onRevoked;
        private final AtomicBoolean done = new AtomicBoolean();

        RevocationWatch(BearerAuthentication authentication, Runnable onRevoked) {
            this.authentication = authentication;
            this.onRevoked = onRevoked;
        }

        void fire() {
            if (done.compareAndSet(false, true)) {
                watches.remove(this);
                onRevoked.run();
            }
        }

        @Override
        public void cancel() {
            done.set(true);
            watches.remove(this);
        }
    }
}
