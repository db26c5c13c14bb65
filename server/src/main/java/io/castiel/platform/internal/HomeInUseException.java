package io.castiel.platform.internal;

import java.nio.file.Path;

import org.springframework.boot.ExitCodeGenerator;

/**
 * Another live Castiel process holds the home: two servers must never share one data directory.
 * The process exits with status {@value #EXIT_CODE} (EX_TEMPFAIL: a supervisor may retry once the
 * other process has stopped), and {@link HomeInUseFailureAnalyzer} tells the user what to do.
 */
class HomeInUseException extends IllegalStateException implements ExitCodeGenerator {

    static final int EXIT_CODE = 75;

    private final transient Path home;
    private final String holder;

    HomeInUseException(Path home, String holder) {
        super("CASTIEL_HOME " + home + " is in use by another running Castiel process (pid " + holder + ")");
        this.home = home;
        this.holder = holder;
    }

    Path home() {
        return home;
    }

    String holder() {
        return holder;
    }

    @Override
    public int getExitCode() {
        return EXIT_CODE;
    }
}
