package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;

/** Stored password hashes follow the configured Argon2id cost (the test configuration uses 19 MiB, 2 passes). */
class PasswordHashingTests extends CastielTest {

    @Test
    void newPasswordsAreHashedWithTheConfiguredParameters() {
        TestTenant tenant = newTenant();

        assertThat(storedHash(tenant, tenant.ownerId())).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void aHashMadeWithOlderParametersIsUpgradedAtTheNextLogin() {
        TestTenant tenant = newTenant();
        UUID userId = UUID.randomUUID();
        String email = "older-" + userId + "@example.test";
        String older = new Argon2PasswordEncoder(16, 32, 1, 19_456, 3).encode(TestTenant.PASSWORD);
        tenants.inTenant(tenant.id(), () -> jdbc.sql("insert into users (tenant_id, id, email, name, password_hash, roles) values (?, ?, ?, ?, ?, ?)")
                .params(tenant.id(), userId, email, "Older", older, new String[] {"member"}).update());

        Api.Response first = anonymous.post("auth/login", Api.object().put("email", email).put("password", TestTenant.PASSWORD));
        String upgraded = storedHash(tenant, userId);
        Api.Response second = anonymous.post("auth/login", Api.object().put("email", email).put("password", TestTenant.PASSWORD));

        assertThat(first.status()).isEqualTo(200);
        assertThat(upgraded).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(older);
        assertThat(second.status()).isEqualTo(200);
        assertThat(storedHash(tenant, userId)).isEqualTo(upgraded);
    }

    private String storedHash(TestTenant tenant, UUID userId) {
        return tenants.inTenant(tenant.id(), () -> jdbc.sql("select password_hash from users where tenant_id = ? and id = ?")
                .params(tenant.id(), userId).query(String.class).single());
    }
}
