package io.castiel;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Castiel: a multi-tenant data and intelligence platform, one process and one port. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CastielApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(CastielApplication.class, args);
        } catch (RuntimeException failure) {
            // A start refused for a known reason exits with that reason's status. Boot would too, but
            // it first publishes an event to the context that failed, which fails in its turn when the
            // refusal came while the context was being built, and then exits with 1.
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof ExitCodeGenerator reason && reason.getExitCode() != 0) {
                    System.exit(reason.getExitCode());
                }
            }
            throw failure;
        }
    }
}
