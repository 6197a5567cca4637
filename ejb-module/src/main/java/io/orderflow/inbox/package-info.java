/**
 * The duplicate guard: one row per consumer and event, claimed in the consumer's transaction, so a
 * second delivery is acknowledged and skipped.
 */
package io.orderflow.inbox;
