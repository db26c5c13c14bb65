package io.castiel.identity.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.identity.TenantService;
import io.castiel.platform.Actor;
import io.castiel.platform.ApiException;
import io.castiel.platform.Ids;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * TOTP multi-factor authentication: setup and enable (with ten single-use recovery codes), the
 * login challenge ({@code mfaToken}) and its verification, and disabling.
 *
 * <p>Guessing is bounded twice: an mfaToken is burnt after {@code mfaMaxAttempts} wrong codes, and a
 * user's codes are refused for {@code mfaLockout} after {@code mfaLockAttempts} consecutive wrong ones
 * over all challenges (so logging in again for fresh tokens does not help). A TOTP code is accepted
 * once: the last accepted time step is remembered and only later steps count.
 *
 * <p>Failures must be recorded even though the request fails, so the transactional parts return an
 * {@link Attempt} and the exception is thrown after the commit.
 */
@Service
public class MfaService {

    private static final Pattern TOTP_CODE = Pattern.compile("^\\d{6}$");
    private static final Pattern RECOVERY_CODE = Pattern.compile("^[a-z2-7]{16}$");
    private static final String RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int RECOVERY_CODES = 10;
    private static final String INVALID_TOKEN = "The MFA token is invalid, used or expired; sign in again";

    public record Setup(String secret, String otpauthUri) {
    }

    /** Recovery codes (shown once) and, when enrolment finished a login, the token pair. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Enabled(List<String> recoveryCodes, String accessToken, String refreshToken, Long expiresIn, String tokenType,
            @JsonIgnore Instant refreshExpiresAt) implements CarriesRefreshToken<Enabled> {

        @Override
        public Enabled withoutRefreshToken() {
            return new Enabled(recoveryCodes, accessToken, null, expiresIn, tokenType, refreshExpiresAt);
        }
    }

    /** The result of a transaction that may fail after writing what must stay written (counters, audit). */
    private record Attempt<T>(T value, ApiException failure) {

        static <T> Attempt<T> ok(T value) {
            return new Attempt<>(value, null);
        }

        static <T> Attempt<T> failed(ApiException failure) {
            return new Attempt<>(null, failure);
        }

        T get() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }

    private record Challenge(UUID id, UUID userId, String purpose, Instant expiresAt, Timestamp usedAt, int failedAttempts) {
    }

    private record Authenticator(byte[] sealedSecret, Timestamp enabledAt, long lastStep, int failedAttempts, Timestamp lockedUntil) {
    }

    private enum CodeResult { ACCEPTED_TOTP, ACCEPTED_RECOVERY, WRONG, LOCKED }

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final TenantService tenantService;
    private final AuditLog audit;
    private final SecretBox box;
    private final OneTimeTokens tokens;
    private final SessionIssuer sessions;
    private final PasswordHasher passwords;
    private final CredentialProperties settings;
    private final Ids ids;
    private final Clock clock;

    MfaService(JdbcClient jdbc, TenantContext tenants, TenantService tenantService, AuditLog audit, SecretBox box, OneTimeTokens tokens,
            SessionIssuer sessions, PasswordHasher passwords, CredentialProperties settings, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.tenantService = tenantService;
        this.audit = audit;
        this.box = box;
        this.tokens = tokens;
        this.sessions = sessions;
        this.passwords = passwords;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Issues the challenge of a login whose password matched, or nothing when no second factor is
     * due. Call it in the user's tenant transaction.
     */
    Optional<MfaChallenge> challengeFor(UUID tenantId, UUID userId) {
        boolean enabled = jdbc.sql("select mfa_enabled from users where tenant_id = ? and id = ?").params(tenantId, userId)
                .query(Boolean.class).single();
        boolean required = tenantService.settings(tenantId).mfaRequired();
        if (!enabled && !required) {
            return Optional.empty();
        }
        String purpose = enabled ? "verify" : "enroll";
        String token = tokens.next("mfa_");
        UUID id = ids.next();
        jdbc.sql("""
                insert into mfa_challenges (tenant_id, id, user_id, token_hash, purpose, expires_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(tenantId, id, userId, OneTimeTokens.hash(token), purpose, Timestamp.from(clock.instant().plus(settings.mfaTokenTtl())))
                .update();
        audit.record(AuditEntry.of("auth.mfa_challenged", "user", userId, JsonNodeFactory.instance.objectNode().put("purpose", purpose))
                .by(userId));
        return Optional.of(new MfaChallenge(true, token, enabled ? null : Boolean.TRUE));
    }

    /** {@code POST /auth/mfa/verify}: the second step of a login. */
    public TokenPair verify(String mfaToken, String code) {
        String token = OneTimeTokens.plausible(mfaToken);
        if (token == null) {
            throw ApiException.unauthorized(INVALID_TOKEN);
        }
        String submitted = requireCode(code);
        byte[] hash = OneTimeTokens.hash(token);
        UUID tenantId = challengeTenant(hash);
        return tenants.inTenant(tenantId, () -> {
            Optional<Challenge> found = openChallenge(tenantId, hash, "verify");
            if (found.isEmpty()) {
                return Attempt.<TokenPair>failed(ApiException.unauthorized(INVALID_TOKEN));
            }
            Challenge challenge = found.get();
            CodeResult result = checkCode(tenantId, challenge.userId(), submitted);
            if (result == CodeResult.ACCEPTED_TOTP || result == CodeResult.ACCEPTED_RECOVERY) {
                spend(tenantId, challenge.id());
                TokenPair pair = sessions.start(tenantId, challenge.userId());
                audit.record(AuditEntry.of("auth.login", "user", challenge.userId(), JsonNodeFactory.instance.objectNode()
                        .put("mfa", result == CodeResult.ACCEPTED_TOTP ? "totp" : "recovery_code")).by(challenge.userId()));
                return Attempt.ok(pair);
            }
            return Attempt.<TokenPair>failed(challengeFailed(tenantId, challenge, result));
        }).get();
    }

    /** {@code POST /auth/mfa/totp/setup}: a new, not yet enabled secret for the caller. */
    public Setup setup(Actor actor, String mfaToken) {
        EnrolmentRequest request = enrolmentRequest(actor, mfaToken);
        return tenants.inTenant(request.tenantId(), () -> {
            Enrollee enrollee = enrollee(request);
            UUID userId = enrollee.userId();
            String email = jdbc.sql("select email from users where tenant_id = ? and id = ?").params(enrollee.tenantId(), userId)
                    .query(String.class).single();
            if (mfaEnabled(enrollee.tenantId(), userId)) {
                throw ApiException.conflict("MFA is already enabled; disable it before setting up a new authenticator");
            }
            byte[] secret = tokens.randomBytes(20);
            jdbc.sql("""
                    insert into user_totp (tenant_id, user_id, secret) values (?, ?, ?)
                    on conflict (tenant_id, user_id) do update
                    set secret = excluded.secret, enabled_at = null, last_step = 0, failed_attempts = 0, locked_until = null,
                        created_at = now()""")
                    .params(enrollee.tenantId(), userId, box.seal(secret, context(enrollee.tenantId(), userId))).update();
            audit.record(AuditEntry.of("mfa.totp_setup", "user", userId, null).by(userId));
            String base32 = Totp.base32(secret);
            String label = encode(settings.totpIssuer() + ":" + email);
            String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + encode(settings.totpIssuer())
                    + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
            return new Setup(base32, uri);
        });
    }

    /**
     * {@code POST /auth/mfa/totp/enable}: the first code confirms the secret; MFA is on from now and
     * ten fresh recovery codes are returned once. With an enrolment mfaToken it also finishes the login.
     */
    public Enabled enable(Actor actor, String mfaToken, String code) {
        String submitted = code == null ? "" : code.replace(" ", "");
        if (!TOTP_CODE.matcher(submitted).matches()) {
            throw ApiException.badRequest("code must be the 6-digit code shown by the authenticator app", "/code");
        }
        EnrolmentRequest request = enrolmentRequest(actor, mfaToken);
        return tenants.inTenant(request.tenantId(), () -> {
            Enrollee enrollee = enrollee(request);
            UUID tenantId = enrollee.tenantId();
            UUID userId = enrollee.userId();
            Authenticator authenticator = authenticator(tenantId, userId)
                    .filter(a -> a.enabledAt() == null)
                    .orElseThrow(() -> ApiException.conflict(mfaEnabled(tenantId, userId) ? "MFA is already enabled"
                            : "Start with POST /auth/mfa/totp/setup"));
            byte[] secret = box.open(authenticator.sealedSecret(), context(tenantId, userId));
            OptionalLong step = matchingStep(secret, authenticator.lastStep(), submitted);
            if (step.isEmpty()) {
                audit.record(AuditEntry.of("mfa.totp_enable_failed", "user", userId, null).by(userId));
                if (enrollee.challenge() != null) {
                    return Attempt.<Enabled>failed(challengeFailed(tenantId, enrollee.challenge(), CodeResult.WRONG));
                }
                return Attempt.<Enabled>failed(ApiException.badRequest("The code is incorrect", "/code"));
            }
            jdbc.sql("update user_totp set enabled_at = now(), last_step = ?, failed_attempts = 0 where tenant_id = ? and user_id = ?")
                    .params(step.getAsLong(), tenantId, userId).update();
            jdbc.sql("update users set mfa_enabled = true, updated_at = now() where tenant_id = ? and id = ?").params(tenantId, userId).update();
            List<String> codes = newRecoveryCodes(tenantId, userId);
            audit.record(AuditEntry.of("mfa.totp_enabled", "user", userId, null).by(userId));
            if (enrollee.challenge() == null) {
                return Attempt.ok(new Enabled(codes, null, null, null, null, null));
            }
            spend(tenantId, enrollee.challenge().id());
            TokenPair pair = sessions.start(tenantId, userId);
            audit.record(AuditEntry.of("auth.login", "user", userId, JsonNodeFactory.instance.objectNode().put("mfa", "enrolment")).by(userId));
            return Attempt.ok(new Enabled(codes, pair.accessToken(), pair.refreshToken(), pair.expiresIn(), pair.tokenType(), pair.refreshExpiresAt()));
        }).get();
    }

    /**
     * {@code DELETE /auth/mfa/totp}: turns MFA off, proven with a current code (or recovery code) or
     * the password. Refused while the tenant requires MFA.
     */
    public void disable(Actor actor, String code, String password) {
        requireUser(actor);
        boolean byPassword = password != null && !password.isEmpty();
        String submitted = byPassword ? null : requireCodeOrPassword(code);
        tenants.inTenant(actor.tenantId(), () -> {
            UUID tenantId = actor.tenantId();
            UUID userId = actor.userId();
            if (!mfaEnabled(tenantId, userId)) {
                throw ApiException.conflict("MFA is not enabled");
            }
            if (tenantService.settings(tenantId).mfaRequired()) {
                throw ApiException.forbidden("This tenant requires MFA; it cannot be turned off");
            }
            boolean proven;
            if (byPassword) {
                String hash = jdbc.sql("select password_hash from users where tenant_id = ? and id = ?").params(tenantId, userId)
                        .query(String.class).single();
                proven = passwords.matches(password, hash);
            } else {
                CodeResult result = checkCode(tenantId, userId, submitted);
                if (result == CodeResult.LOCKED) {
                    return Attempt.<Boolean>failed(locked());
                }
                proven = result != CodeResult.WRONG;
            }
            if (!proven) {
                audit.record(AuditEntry.of("mfa.totp_disable_failed", "user", userId, null).by(userId));
                return Attempt.<Boolean>failed(byPassword ? ApiException.badRequest("The password is incorrect", "/password")
                        : ApiException.badRequest("The code is incorrect", "/code"));
            }
            jdbc.sql("delete from user_totp where tenant_id = ? and user_id = ?").params(tenantId, userId).update();
            jdbc.sql("delete from mfa_recovery_codes where tenant_id = ? and user_id = ?").params(tenantId, userId).update();
            jdbc.sql("update users set mfa_enabled = false, updated_at = now() where tenant_id = ? and id = ?").params(tenantId, userId).update();
            audit.record(AuditEntry.of("mfa.totp_disabled", "user", userId,
                    JsonNodeFactory.instance.objectNode().put("provenBy", byPassword ? "password" : "code")).by(userId));
            return Attempt.ok(Boolean.TRUE);
        }).get();
    }

    /** Who asked to enrol, before the transaction: a signed-in user, or the hash of an enrolment mfaToken. */
    private record EnrolmentRequest(UUID tenantId, UUID userId, byte[] tokenHash) {
    }

    /** Who is enrolling, checked in the transaction; {@code challenge} is null for a signed-in user. */
    private record Enrollee(UUID tenantId, UUID userId, Challenge challenge) {
    }

    private EnrolmentRequest enrolmentRequest(Actor actor, String mfaToken) {
        if (mfaToken != null) {
            String token = OneTimeTokens.plausible(mfaToken);
            if (token == null) {
                throw ApiException.unauthorized(INVALID_TOKEN);
            }
            byte[] hash = OneTimeTokens.hash(token);
            return new EnrolmentRequest(challengeTenant(hash), null, hash);
        }
        if (actor == null) {
            throw ApiException.unauthorized("A valid access token (or the mfaToken of a login that must enrol) is required");
        }
        requireUser(actor);
        return new EnrolmentRequest(actor.tenantId(), actor.userId(), null);
    }

    private Enrollee enrollee(EnrolmentRequest request) {
        if (request.tokenHash() == null) {
            return new Enrollee(request.tenantId(), request.userId(), null);
        }
        Challenge challenge = openChallenge(request.tenantId(), request.tokenHash(), "enroll")
                .orElseThrow(() -> ApiException.unauthorized(INVALID_TOKEN));
        return new Enrollee(request.tenantId(), challenge.userId(), challenge);
    }

    private static void requireUser(Actor actor) {
        if (actor.apiKeyId() != null) {
            throw ApiException.forbidden("MFA belongs to a person; an API key cannot manage it");
        }
    }

    private UUID challengeTenant(byte[] hash) {
        UUID tenantId = jdbc.sql("select mfa_challenge_tenant(?)").param(hash).query(UUID.class).optional().orElse(null);
        if (tenantId == null) {
            throw ApiException.unauthorized(INVALID_TOKEN);
        }
        return tenantId;
    }

    /** The challenge of a token, locked, if it is unused, unexpired, of the purpose and of an active user. */
    private Optional<Challenge> openChallenge(UUID tenantId, byte[] hash, String purpose) {
        return jdbc.sql("""
                select c.id, c.user_id, c.purpose, c.expires_at, c.used_at, c.failed_attempts from mfa_challenges c
                join users u on u.tenant_id = c.tenant_id and u.id = c.user_id
                where c.tenant_id = ? and c.token_hash = ? and u.status = 'active' for update of c""")
                .params(tenantId, hash)
                .query((rs, n) -> new Challenge(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5), rs.getInt(6)))
                .optional()
                .filter(c -> c.usedAt() == null && c.expiresAt().isAfter(clock.instant()) && c.purpose().equals(purpose));
    }

    private void spend(UUID tenantId, UUID challengeId) {
        jdbc.sql("update mfa_challenges set used_at = now() where tenant_id = ? and id = ?").params(tenantId, challengeId).update();
    }

    /** Counts a wrong code against a challenge (burning it at the limit) and says what to answer. */
    private ApiException challengeFailed(UUID tenantId, Challenge challenge, CodeResult result) {
        int attempts = challenge.failedAttempts() + 1;
        boolean burnt = attempts >= settings.mfaMaxAttempts();
        jdbc.sql("update mfa_challenges set failed_attempts = ?, used_at = case when ? then now() else used_at end where tenant_id = ? and id = ?")
                .params(attempts, burnt, tenantId, challenge.id()).update();
        ObjectNode changes = JsonNodeFactory.instance.objectNode().put("attempt", attempts).put("tokenBurnt", burnt)
                .put("userLocked", result == CodeResult.LOCKED);
        audit.record(AuditEntry.of("auth.mfa_failed", "user", challenge.userId(), changes).by(challenge.userId()));
        if (result == CodeResult.LOCKED) {
            return locked();
        }
        return ApiException.unauthorized(burnt ? "Too many wrong codes; sign in again" : "The code is incorrect");
    }

    private static ApiException locked() {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts",
                "Too many wrong codes for this account; try again later");
    }

    /**
     * Checks a TOTP or recovery code of an enabled authenticator, with the user's lockout. A
     * recovery code is spent when accepted; a TOTP code's step is remembered.
     */
    private CodeResult checkCode(UUID tenantId, UUID userId, String submitted) {
        Optional<Authenticator> found = authenticator(tenantId, userId).filter(a -> a.enabledAt() != null);
        if (found.isEmpty()) {
            return CodeResult.WRONG;
        }
        Authenticator authenticator = found.get();
        Instant now = clock.instant();
        if (authenticator.lockedUntil() != null && authenticator.lockedUntil().toInstant().isAfter(now)) {
            return CodeResult.LOCKED;
        }
        String code = submitted.replace(" ", "").replace("-", "").toLowerCase(Locale.ROOT);
        if (TOTP_CODE.matcher(code).matches()) {
            byte[] secret = box.open(authenticator.sealedSecret(), context(tenantId, userId));
            OptionalLong step = matchingStep(secret, authenticator.lastStep(), code);
            if (step.isPresent()) {
                jdbc.sql("update user_totp set last_step = ?, failed_attempts = 0, locked_until = null where tenant_id = ? and user_id = ?")
                        .params(step.getAsLong(), tenantId, userId).update();
                return CodeResult.ACCEPTED_TOTP;
            }
        } else if (RECOVERY_CODE.matcher(code).matches()) {
            int spent = jdbc.sql("""
                    update mfa_recovery_codes set used_at = now()
                    where tenant_id = ? and user_id = ? and code_hash = ? and used_at is null""")
                    .params(tenantId, userId, recoveryHash(userId, code)).update();
            if (spent == 1) {
                jdbc.sql("update user_totp set failed_attempts = 0, locked_until = null where tenant_id = ? and user_id = ?")
                        .params(tenantId, userId).update();
                audit.record(AuditEntry.of("mfa.recovery_code_used", "user", userId, JsonNodeFactory.instance.objectNode()
                        .put("remaining", remainingRecoveryCodes(tenantId, userId))).by(userId));
                return CodeResult.ACCEPTED_RECOVERY;
            }
        }
        int failures = authenticator.failedAttempts() + 1;
        if (failures >= settings.mfaLockAttempts()) {
            jdbc.sql("update user_totp set failed_attempts = 0, locked_until = ? where tenant_id = ? and user_id = ?")
                    .params(Timestamp.from(now.plus(settings.mfaLockout())), tenantId, userId).update();
            audit.record(AuditEntry.of("mfa.locked", "user", userId, null).by(userId));
            return CodeResult.LOCKED;
        }
        jdbc.sql("update user_totp set failed_attempts = ? where tenant_id = ? and user_id = ?").params(failures, tenantId, userId).update();
        return CodeResult.WRONG;
    }

    /** A step within ±1 of now, later than the last accepted one, whose code matches; empty if none. */
    private OptionalLong matchingStep(byte[] secret, long lastStep, String code) {
        long now = Totp.step(clock.instant());
        for (long step = now - 1; step <= now + 1; step++) {
            if (step > lastStep && Totp.matches(secret, step, code)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    private List<String> newRecoveryCodes(UUID tenantId, UUID userId) {
        jdbc.sql("delete from mfa_recovery_codes where tenant_id = ? and user_id = ?").params(tenantId, userId).update();
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] random = tokens.randomBytes(16);
            StringBuilder code = new StringBuilder(19);
            for (int c = 0; c < 16; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(RECOVERY_ALPHABET.charAt(random[c] & 31));
            }
            codes.add(code.toString());
            jdbc.sql("insert into mfa_recovery_codes (tenant_id, id, user_id, code_hash) values (?, ?, ?, ?)")
                    .params(tenantId, ids.next(), userId, recoveryHash(userId, code.toString().replace("-", ""))).update();
        }
        return codes;
    }

    /** 80 random bits per code: a salted SHA-256 is enough (a slow hash would only slow logins). */
    private static byte[] recoveryHash(UUID userId, String normalizedCode) {
        return OneTimeTokens.hash(userId + ":" + normalizedCode);
    }

    private int remainingRecoveryCodes(UUID tenantId, UUID userId) {
        return jdbc.sql("select count(*) from mfa_recovery_codes where tenant_id = ? and user_id = ? and used_at is null")
                .params(tenantId, userId).query(Integer.class).single();
    }

    private Optional<Authenticator> authenticator(UUID tenantId, UUID userId) {
        return jdbc.sql("""
                select secret, enabled_at, last_step, failed_attempts, locked_until from user_totp
                where tenant_id = ? and user_id = ? for update""")
                .params(tenantId, userId)
                .query((rs, n) -> new Authenticator(rs.getBytes(1), rs.getTimestamp(2), rs.getLong(3), rs.getInt(4), rs.getTimestamp(5)))
                .optional();
    }

    private boolean mfaEnabled(UUID tenantId, UUID userId) {
        return jdbc.sql("select mfa_enabled from users where tenant_id = ? and id = ?").params(tenantId, userId)
                .query(Boolean.class).single();
    }

    private static String requireCode(String code) {
        if (code == null || code.isBlank() || code.length() > 64) {
            throw ApiException.badRequest("code is required: the authenticator's 6 digits or a recovery code", "/code");
        }
        return code;
    }

    private static String requireCodeOrPassword(String code) {
        if (code == null || code.isBlank() || code.length() > 64) {
            throw ApiException.badRequest("Prove it is you: send the current code (or a recovery code) or the password", "/code");
        }
        return code;
    }

    private static String context(UUID tenantId, UUID userId) {
        return "totp:" + tenantId + ":" + userId;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
