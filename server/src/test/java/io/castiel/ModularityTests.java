package io.castiel;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Module boundaries hold: modules use each other's top-level API only (platform included), and no
 * cycles. Also writes the module documentation to {@code docs/modules/}: a C4 component diagram of
 * all modules, one per module, and a canvas per module listing its API, the events it publishes and
 * the ones it listens to. Committed, so a newcomer reads it without building; a change to a module's
 * shape shows up in the diff.
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(CastielApplication.class);

    @Test
    void moduleBoundariesAreRespected() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        // Surefire runs in server/; the documentation lives at the repository's root.
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("../docs/modules")).writeDocumentation();
    }
}
