package io.castiel.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

import io.castiel.platform.CastielProperties;
import io.castiel.platform.SigningKeys;

/**
 * Loads the signing key: from {@code castiel.security.jwt-private-key} (PKCS#8 PEM) when given,
 * which server mode requires; otherwise from {@code $CASTIEL_HOME/keys/jwt-signing.pem}, generated
 * on first start, so that tokens survive restarts of an embedded installation.
 */
@Configuration(proxyBeanMethods = false)
class SigningKeysConfiguration {

    @Bean
    SigningKeys signingKeys(CastielProperties properties, Environment environment) throws IOException, GeneralSecurityException {
        String pem = properties.security().jwtPrivateKey();
        if (!StringUtils.hasText(pem)) {
            if (environment.acceptsProfiles(Profiles.of("server"))) {
                throw new IllegalStateException("Server mode needs castiel.security.jwt-private-key (CASTIEL_JWT_PRIVATE_KEY), a PKCS#8 PEM RSA key");
            }
            pem = embeddedKey(properties.home().resolve("keys").resolve("jwt-signing.pem"));
        }
        return fromPem(pem);
    }

    static SigningKeys fromPem(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        KeyFactory factory = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der));
        RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        String keyId = HexFormat.of().formatHex(sha256.digest(publicKey.getEncoded())).substring(0, 16);
        sha256.reset();
        sha256.update("castiel-mac-key-v1".getBytes(StandardCharsets.UTF_8));
        byte[] macKey = sha256.digest(der);
        return new SigningKeys(keyId, privateKey, publicKey, macKey);
    }

    private static String embeddedKey(Path file) throws IOException, GeneralSecurityException {
        if (Files.exists(file)) {
            return Files.readString(file);
        }
        Files.createDirectories(file.getParent());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(file, pem);
        OwnerOnlyFiles.restrict(file);
        return pem;
    }
}
