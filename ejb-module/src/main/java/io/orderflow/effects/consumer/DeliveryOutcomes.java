package io.orderflow.effects.consumer;

import io.orderflow.effects.Effect;

/**
 * Told how each delivery's transaction ended, on the thread that ended it: the kill switch counts
 * the failures in a row from it. An interface the switch implements, so that the template knows
 * nothing of the switch, which probes through the template's steps.
 */
public interface DeliveryOutcomes {

    /** The delivery's transaction committed. */
    void succeeded(Effect effect);

    /**
     * It rolled back for a failure a retry may fix.
     *
     * @param eventId the event that failed; null when a whole batch did, no event being to blame
     */
    void failed(Effect effect, String why, String eventId);
}
