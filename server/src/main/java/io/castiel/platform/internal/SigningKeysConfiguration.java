package io.castiel.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

import io.castiel.platform.CastielProperties;
import io.castiel.platform.SigningKeys;

/**
 * Loads the signing key and the keys that still verify. Server mode: {@code castiel.security.jwt-private-key}
 * (PKCS#8 PEM) signs, {@code jwt-previous-public-keys} (PEMs) still verify. Embedded mode:
 * {@code $CASTIEL_HOME/keys/jwt-signing.pem}, generated on first start so that tokens survive
 * restarts; with {@code castiel.security.rotate-key=true} a start renames it to
 * {@code jwt-retired-<epoch seconds>.pem} and generates a new one. Retired keys keep verifying
 * until every token they signed has expired (one access-token lifetime), then they are deleted.
 */
@Configuration(proxyBeanMethods = false)
class SigningKeysConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SigningKeysConfiguration.class);
    static final String SIGNING_FILE = "jwt-signing.pem";
    private static final Pattern RETIRED_FILE = Pattern.compile("jwt-retired-(\\d{1,19})\\.pem");

    @Bean
    SigningKeys signingKeys(CastielProperties properties, Environment environment, Clock clock,
            ObjectProvider<EarlySigningKey> earlyKey) throws IOException, GeneralSecurityException {
        CastielProperties.Security security = properties.security();
        String pem = security.jwtPrivateKey();
        String secret = security.secretKey();
        boolean serverMode = environment.acceptsProfiles(Profiles.of("server"));
        List<RSAPublicKey> previous = new ArrayList<>();
        KeyDirectory keys = new KeyDirectory(properties.home().resolve("keys"), clock, security.accessTokenTtl());
        if (!StringUtils.hasText(pem)) {
            if (serverMode) {
                throw new IllegalStateException("Server mode needs castiel.security.jwt-private-key (CASTIEL_JWT_PRIVATE_KEY), a PKCS#8 PEM RSA key");
            }
            EarlySigningKey early = earlyKey.getIfAvailable();
            pem = keys.signingKey(security.rotateKey(), early != null ? early::take : SigningKeysConfiguration::generateKeyPair);
            previous.addAll(keys.retiredKeys());
        }
        if (!StringUtils.hasText(secret)) {
            if (serverMode) {
                throw new IllegalStateException("Server mode needs castiel.security.secret-key (CASTIEL_SECRET_KEY): base64 of at least"
                        + " 32 random bytes, e.g. `openssl rand -base64 32`; every node must have the same one");
            }
            secret = keys.secretKey();
        }
        for (String previousPem : security.jwtPreviousPublicKeys()) {
            if (StringUtils.hasText(previousPem)) {
                previous.add(publicKeyFromPem(previousPem));
            }
        }
        return withPrevious(fromPem(pem, macKeyOf(secret)), previous);
    }

    /**
     * The symmetric key for cursors, invitation links and sealed MFA secrets. It comes from its own
     * secret, not from the signing key, so that rotating the signing key invalidates none of them.
     */
    static byte[] macKeyOf(String secret) throws GeneralSecurityException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("castiel.security.secret-key must be base64", e);
        }
        if (bytes.length < 32) {
            throw new IllegalStateException("castiel.security.secret-key must hold at least 32 bytes (base64 of 32 random bytes)");
        }
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(bytes, "HmacSHA256"));
        return mac.doFinal("castiel-mac-key-v1".getBytes(StandardCharsets.UTF_8));
    }

    static SigningKeys fromPem(String pem, byte[] macKey) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        KeyFactory factory = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der));
        RSAPublicKey publicKey = publicKeyOf(privateKey);
        return new SigningKeys(keyIdOf(publicKey), privateKey, publicKey, macKey);
    }

    /** A public key in X.509 PEM ({@code BEGIN PUBLIC KEY}), or the public half of a PKCS#8 private key PEM. */
    static RSAPublicKey publicKeyFromPem(String pem) throws GeneralSecurityException {
        if (pem.contains("PRIVATE KEY")) {
            return fromPem(pem, new byte[32]).publicKey();
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("castiel.security.jwt-previous-public-keys holds a value that is not an RSA public key PEM", e);
        }
    }

    /** A new 2048-bit RSA key pair. */
    static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No RSA key pair generator in this JVM", e);
        }
    }

    static String keyIdOf(RSAPublicKey publicKey) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded())).substring(0, 16);
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
    }

    private static SigningKeys withPrevious(SigningKeys signing, List<RSAPublicKey> previous) throws GeneralSecurityException {
        Map<String, SigningKeys.VerificationKey> keys = new LinkedHashMap<>();
        keys.put(signing.keyId(), new SigningKeys.VerificationKey(signing.keyId(), signing.publicKey()));
        for (RSAPublicKey key : previous) {
            String keyId = keyIdOf(key);
            keys.putIfAbsent(keyId, new SigningKeys.VerificationKey(keyId, key));
        }
        return new SigningKeys(signing.keyId(), signing.privateKey(), signing.publicKey(), signing.macKey(), List.copyOf(keys.values()));
    }

    /** The embedded installation's key files: the signing key and the retired ones that still verify. */
    record KeyDirectory(Path directory, Clock clock, Duration accessTokenTtl) {

        String signingKey(boolean rotate) throws IOException, GeneralSecurityException {
            return signingKey(rotate, SigningKeysConfiguration::generateKeyPair);
        }

        /** The signing key's PEM; a new key comes from {@code generator}. */
        String signingKey(boolean rotate, Supplier<KeyPair> generator) throws IOException, GeneralSecurityException {
            Path file = directory.resolve(SIGNING_FILE);
            if (Files.exists(file) && rotate) {
                Path retired = directory.resolve("jwt-retired-" + clock.instant().getEpochSecond() + ".pem");
                Files.move(file, retired);
                log.info("Retired the token-signing key to {}; it keeps verifying tokens for {}", retired.getFileName(), accessTokenTtl);
            }
            if (Files.exists(file)) {
                return Files.readString(file);
            }
            Files.createDirectories(directory);
            byte[] der = generator.get().getPrivate().getEncoded();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(file, pem);
            OwnerOnlyFiles.restrict(file);
            return pem;
        }

        /** The installation's symmetric secret ({@code secret.key}: base64 of 32 random bytes), made on first start. */
        String secretKey() throws IOException {
            Path file = directory.resolve("secret.key");
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(directory);
            byte[] bytes = new byte[32];
            new java.security.SecureRandom().nextBytes(bytes);
            String secret = Base64.getEncoder().encodeToString(bytes);
            Files.writeString(file, secret + "\n");
            OwnerOnlyFiles.restrict(file);
            return secret;
        }

        /**
         * The retired keys that may still have valid tokens, newest first. A key retired longer
         * ago than one access-token lifetime (plus a minute of clock skew) signed nothing still
         * valid, so its file is deleted.
         */
        List<RSAPublicKey> retiredKeys() throws IOException, GeneralSecurityException {
            if (!Files.isDirectory(directory)) {
                return List.of();
            }
            Instant oldestUseful = clock.instant().minus(accessTokenTtl).minus(Duration.ofMinutes(1));
            List<Path> files;
            try (Stream<Path> listing = Files.list(directory)) {
                files = listing.filter(p -> RETIRED_FILE.matcher(p.getFileName().toString()).matches())
                        .sorted(Comparator.comparingLong(KeyDirectory::retiredAt).reversed())
                        .toList();
            }
            List<RSAPublicKey> keys = new ArrayList<>();
            for (Path file : files) {
                if (Instant.ofEpochSecond(retiredAt(file)).isBefore(oldestUseful)) {
                    Files.delete(file);
                    log.info("Deleted the retired token-signing key {}: no token it signed is still valid", file.getFileName());
                } else {
                    keys.add(fromPem(Files.readString(file), new byte[32]).publicKey());
                }
            }
            return keys;
        }

        private static long retiredAt(Path file) {
            Matcher matcher = RETIRED_FILE.matcher(file.getFileName().toString());
            return matcher.matches() ? Long.parseLong(matcher.group(1)) : 0;
        }
    }
}
