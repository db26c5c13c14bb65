package io.castiel.platform.internal;

import java.nio.file.Files;
import java.security.KeyPair;
import java.util.concurrent.CompletableFuture;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

import io.castiel.platform.CastielProperties;

/**
 * The RSA key pair an embedded installation is about to need (its first start, or a start with
 * {@code castiel.security.rotate-key}), generated on a thread of its own from the moment the
 * application is prepared: generating it takes most of a second, which would otherwise be spent on
 * the main thread when {@link SigningKeysConfiguration} makes its bean. That bean takes the pair, or
 * waits for it; it writes the key file as before.
 */
final class EarlySigningKey {

    private final CompletableFuture<KeyPair> pair;

    private EarlySigningKey(CompletableFuture<KeyPair> pair) {
        this.pair = pair;
    }

    /** The pair, once generated; generated here if its thread failed. */
    KeyPair take() {
        try {
            return pair.join();
        } catch (RuntimeException e) {
            return SigningKeysConfiguration.generateKeyPair();
        }
    }

    /** Registered in META-INF/spring.factories, so that it runs before the context is refreshed. */
    static final class Listener implements ApplicationListener<ApplicationPreparedEvent> {

        @Override
        public void onApplicationEvent(ApplicationPreparedEvent event) {
            ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
            if (!needsNewKey(environment)) {
                return;
            }
            CompletableFuture<KeyPair> pair = new CompletableFuture<>();
            Thread generator = new Thread(() -> {
                try {
                    pair.complete(SigningKeysConfiguration.generateKeyPair());
                } catch (RuntimeException e) {
                    pair.completeExceptionally(e);
                }
            }, "signing-key-generation");
            generator.setDaemon(true);
            generator.start();
            ConfigurableListableBeanFactory beans = event.getApplicationContext().getBeanFactory();
            beans.registerSingleton("earlySigningKey", new EarlySigningKey(pair));
        }

        /** Embedded mode without a configured key, and no key file yet or one to be rotated: the cases that generate one. */
        private static boolean needsNewKey(ConfigurableEnvironment environment) {
            if (environment.acceptsProfiles(Profiles.of("server"))) {
                return false;
            }
            try {
                CastielProperties properties = Binder.get(environment).bindOrCreate("castiel", CastielProperties.class);
                return !StringUtils.hasText(properties.security().jwtPrivateKey())
                        && (properties.security().rotateKey()
                                || !Files.exists(properties.home().resolve("keys").resolve(SigningKeysConfiguration.SIGNING_FILE)));
            } catch (RuntimeException e) {
                // The context's own binding reports what is wrong with the configuration.
                return false;
            }
        }
    }
}
