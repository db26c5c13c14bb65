package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /auth/providers}: what single sign-on a sign-in page may offer, through the real HTTP
 * stack without a token. The providers are configured for this class only (its own context and
 * database, closed after the class).
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ContextConfiguration(initializers = SsoProvidersTests.OwnDatabase.class)
class SsoProvidersTests extends CastielTest {

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("castiel.oauth.providers.acme.type", () -> "oidc");
        registry.add("castiel.oauth.providers.acme.display-name", () -> "Acme ID");
        registry.add("castiel.oauth.providers.acme.issuer-uri", () -> "https://id.acme.example.test");
        registry.add("castiel.oauth.providers.acme.client-id", () -> "acme-client-id");
        registry.add("castiel.oauth.providers.acme.client-secret", () -> "acme-client-secret");
        registry.add("castiel.oauth.providers.github.type", () -> "github");
        registry.add("castiel.oauth.providers.github.client-id", () -> "gh-client-id");
        registry.add("castiel.oauth.providers.github.client-secret", () -> "gh-client-secret");
        registry.add("castiel.oauth.providers.github.authorization-uri", () -> "https://github.example.test/login/oauth/authorize");
        registry.add("castiel.oauth.providers.github.token-uri", () -> "https://github.example.test/login/oauth/access_token");
        registry.add("castiel.oauth.providers.github.user-info-uri", () -> "https://github.example.test/user");
    }

    @Test
    void listsTheConfiguredProvidersWithoutSecretsOrClientIdsToAnyone() {
        Api.Response response = anonymous.get("auth/providers");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
        JsonNode body = response.json();
        assertThat(body.get("oauth").size()).isEqualTo(2);
        assertThat(body.at("/oauth/0/id").asString()).isEqualTo("acme");
        assertThat(body.at("/oauth/0/name").asString()).as("display-name").isEqualTo("Acme ID");
        assertThat(body.at("/oauth/0/type").asString()).isEqualTo("oidc");
        assertThat(body.at("/oauth/1/id").asString()).isEqualTo("github");
        assertThat(body.at("/oauth/1/name").asString()).as("the id capitalised").isEqualTo("Github");
        assertThat(body.at("/oauth/1/type").asString()).isEqualTo("github");
        assertThat(body.has("saml")).isTrue();
        assertThat(body.get("saml").isNull()).as("no tenant asked about").isTrue();
        String raw = body.toString();
        assertThat(raw).doesNotContain("secret", "client-id", "clientId", "acme.example.test", "github.example.test");
        assertThat(body.at("/oauth/0").size()).isEqualTo(3);
    }

    @Test
    void answersWhetherATenantHasSaml() {
        TestTenant withSaml = newTenant();
        TestTenant without = newTenant();
        tenants.inTenant(withSaml.id(), () -> jdbc.sql("""
                insert into saml_configs (tenant_id, idp_entity_id, idp_metadata_xml) values (?, ?, ?)""")
                .params(withSaml.id(), "https://idp.example.test/" + UUID.randomUUID(), "<md:EntityDescriptor/>").update());

        Api.Response yes = anonymous.get("auth/providers?tenant=" + withSaml.slug());
        Api.Response no = anonymous.get("auth/providers?tenant=" + without.slug());
        Api.Response unknown = anonymous.get("auth/providers?tenant=no-such-tenant-" + UUID.randomUUID());
        Api.Response blank = anonymous.get("auth/providers?tenant=");

        assertThat(yes.status()).as(yes.toString()).isEqualTo(200);
        assertThat(yes.json().get("saml").asBoolean()).isTrue();
        assertThat(yes.json().get("oauth").size()).isEqualTo(2);
        assertThat(no.status()).isEqualTo(200);
        assertThat(no.json().get("saml").isBoolean()).isTrue();
        assertThat(no.json().get("saml").asBoolean()).isFalse();
        assertThat(unknown.status()).as("an unknown slug answers like a tenant without SAML").isEqualTo(200);
        assertThat(unknown.json().get("saml").isBoolean()).isTrue();
        assertThat(unknown.json().get("saml").asBoolean()).isFalse();
        assertThat(unknown.json()).isEqualTo(no.json());
        assertThat(blank.status()).isEqualTo(200);
        assertThat(blank.json().get("saml").asBoolean()).isFalse();
    }

    @Test
    void aTokenIsNeitherNeededNorInTheWay() {
        TestTenant tenant = newTenant();

        Api.Response signedIn = tenant.api().get("auth/providers");

        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.json().get("oauth").size()).isEqualTo(2);
    }

    /** A context of its own needs a database of its own (see OAuthLoginTests.OwnDatabase). */
    static class OwnDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                java.nio.file.Path home = java.nio.file.Files.createTempDirectory("castiel-providers-test-");
                home.toFile().deleteOnExit();
                context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("providersTestsHome", Map.of("castiel.home", home.toString())));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
