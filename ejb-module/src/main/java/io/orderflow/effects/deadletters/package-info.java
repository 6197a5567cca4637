/**
 * Dead letters, for the effects and for the telemetry writer and the payment voids alike: the one
 * class that talks JMS to the dead-letter queues, the consumers' verdicts that a delivery failed
 * for good, the watch that records what the broker moved after the last attempt, and the record of
 * why each letter is there. Imports the vocabulary, failures and sequencing only: an operator's
 * actions on the letters live in {@code io.orderflow.ops}.
 */
package io.orderflow.effects.deadletters;
