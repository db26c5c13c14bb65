package io.castiel.platform.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Why the embedded database could not start on the home, and what the user can do about it. */
class HomeUnusableFailureAnalyzer extends AbstractFailureAnalyzer<HomeUnusableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HomeUnusableException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
