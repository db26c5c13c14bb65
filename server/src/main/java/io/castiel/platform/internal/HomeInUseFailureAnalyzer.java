package io.castiel.platform.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in plain words why a second Castiel on the same home refuses to start, instead of a stack trace. */
class HomeInUseFailureAnalyzer extends AbstractFailureAnalyzer<HomeInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HomeInUseException cause) {
        return new FailureAnalysis(cause.getMessage() + ". Two servers must not share one data directory.",
                "Stop the Castiel process " + cause.holder() + " first, or give this one its own home with CASTIEL_HOME=<dir> "
                        + "(or --castiel.home=<dir>).",
                cause);
    }
}
