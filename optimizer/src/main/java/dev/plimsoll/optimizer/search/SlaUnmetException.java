package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * The search ran, but no configuration meets the SLA: a user error like any other (exit code 2),
 * which {@code plan --fail-on-miss} reports with the exit code of a missed SLA instead.
 */
public final class SlaUnmetException extends UserInputException {
    private static final long serialVersionUID = 1L;

    public SlaUnmetException(String message) {
        super(message);
    }
}
