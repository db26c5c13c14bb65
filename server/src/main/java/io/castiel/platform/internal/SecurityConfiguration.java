package io.castiel.platform.internal;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiPaths;
import io.castiel.platform.BearerTokens;
import io.castiel.platform.ratelimit.RateLimits;

/**
 * Stateless bearer-token security: every {@code /api/v1} path (and {@code /graphql}) needs a valid
 * access token or API key except the few that hand one out, checked by {@link BearerTokens} as
 * the sockets check theirs. Access tokens must be RS256 with our key, carry a tenant and belong to
 * a session that was not revoked; anything else (another algorithm, another key, expired, no
 * tenant, revoked) is a 401 problem.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * The calls that need no access token (API.md "Authentication"): those that hand tokens out or
     * act on a secret the caller proves (refresh token, MFA token, reset/verification/invitation token).
     */
    static final String[] PUBLIC_POSTS = {
        "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout",
        "/api/v1/auth/mfa/verify", "/api/v1/auth/password/forgot", "/api/v1/auth/password/reset",
        "/api/v1/auth/verify-email", "/api/v1/auth/invitations/accept", "/api/v1/auth/oauth/token",
        // MFA enrolment during a login of a tenant that requires MFA proves itself with the mfaToken
        // in the body; without one these calls still need an access token (checked by MfaService).
        "/api/v1/auth/mfa/totp/setup", "/api/v1/auth/mfa/totp/enable"
    };

    /**
     * No Spring Security observations. The {@code management.observations.enable} switch only makes
     * them no-ops: every filter of every request would still be wrapped in an observing decorator.
     * Request metrics ({@code http.server.requests}) are not Spring Security's and stay.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemWriter problems, BearerTokens tokens, RateLimits rateLimits, CorsPolicy cors)
            throws Exception {
        // The same check as the sockets': access tokens (JWT, session not revoked) and API keys (ck_...).
        AuthenticationManager bearer = authentication -> tokens.authenticate(((BearerTokenAuthenticationToken) authentication).getToken())
                .map(ActorContext::authenticationOf)
                .orElseThrow(() -> new InvalidBearerTokenException("The token is invalid, expired or revoked"));
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, PUBLIC_POSTS).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/auth/oauth/**", "/api/v1/auth/providers").permitAll()
                        .requestMatchers("/api/v1/auth/saml/**").permitAll()
                        .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**").permitAll()
                        // GraphQL's SDL is public like the OpenAPI document; its WebSocket handshake
                        // carries no header a browser could set, so the token comes in connection_init.
                        .requestMatchers(HttpMethod.GET, ApiPaths.GRAPHQL + "/schema.graphqls").permitAll()
                        .requestMatchers(request -> "GET".equals(request.getMethod()) && ApiPaths.GRAPHQL.equals(request.getRequestURI())
                                && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))).permitAll()
                        .requestMatchers("/api/v1/**").authenticated()
                        // The same GraphQL endpoint at the path API.md names.
                        .requestMatchers(ApiPaths.ROOT_GRAPHQL).authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new PlainBearerTokenResolver())
                        .authenticationManagerResolver(request -> bearer)
                        .authenticationEntryPoint((request, response, e) -> problems.write(response, HttpStatus.UNAUTHORIZED,
                                "Unauthorized", "A valid access token is required (Authorization: Bearer <token>)"))
                        .accessDeniedHandler((request, response, e) -> problems.write(response, HttpStatus.FORBIDDEN,
                                "Forbidden", "Your role does not allow this action")))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> problems.write(response, HttpStatus.UNAUTHORIZED,
                                "Unauthorized", "A valid access token is required (Authorization: Bearer <token>)"))
                        .accessDeniedHandler((request, response, e) -> problems.write(response, HttpStatus.FORBIDDEN,
                                "Forbidden", "Your role does not allow this action")))
                // HSTS only on secure requests (Spring's default; X-Forwarded-Proto counts when
                // server.forward-headers-strategy is set), X-Frame-Options DENY, nosniff.
                .headers(headers -> headers.contentTypeOptions(options -> { })
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new ContentSecurityPolicy()))
                .addFilter(cors.filter())
                // After every authentication filter, so the limits know the caller.
                .addFilterBefore(rateLimits.filter(), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Spring Security's firewall, with header checks done by a character loop rather than its
     * regular expressions (same rule: no control characters, only assigned code points).
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(SecurityConfiguration::printable);
        firewall.setAllowedHeaderValues(SecurityConfiguration::printable);
        return firewall;
    }

    static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                if (c != '\t') {
                    return false;
                }
            } else if (c >= 0x80 && (Character.isISOControl(c) || !Character.isDefined(c))) {
                return false;
            }
        }
        return true;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
