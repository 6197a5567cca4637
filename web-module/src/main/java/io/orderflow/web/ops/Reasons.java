package io.orderflow.web.ops;

import io.orderflow.InvalidRequest;

/** The reason an operator gives for an action that gives something up: the audit log keeps it. */
final class Reasons {

    private static final int LONGEST = 500;

    private Reasons() {}

    /**
     * @param why what the reason must explain, as the refusal names it
     */
    static void require(String reason, String why) {
        if (reason == null || reason.isBlank() || reason.length() > LONGEST) {
            throw new InvalidRequest(
                    "reason", "must say, in 1 to " + LONGEST + " characters, why " + why);
        }
    }
}
