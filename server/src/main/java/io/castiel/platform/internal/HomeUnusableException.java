package io.castiel.platform.internal;

import org.springframework.boot.ExitCodeGenerator;

/**
 * The home cannot hold the database: not writable, too little free space, or PostgreSQL refused
 * to start there. The process exits with status {@value #EXIT_CODE} (EX_IOERR), and
 * {@link HomeUnusableFailureAnalyzer} prints the reason and what to do rather than a stack trace.
 * The data directory is left as it was.
 */
class HomeUnusableException extends java.io.IOException implements ExitCodeGenerator {

    static final int EXIT_CODE = 74;

    private final String action;

    HomeUnusableException(String reason, String action, Throwable cause) {
        super(reason, cause);
        this.action = action;
    }

    String action() {
        return action;
    }

    @Override
    public int getExitCode() {
        return EXIT_CODE;
    }
}
