package io.castiel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Castiel: a multi-tenant data and intelligence platform, one process and one port. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CastielApplication {

    public static void main(String[] args) {
        SpringApplication.run(CastielApplication.class, args);
    }
}
