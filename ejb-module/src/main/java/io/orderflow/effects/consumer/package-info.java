/**
 * The template every effect's message-driven bean extends: a delivery, or a batch of waiting
 * events, taken through the same steps in the container's transaction (claim the turn, apply,
 * record, send on the successor), a permanent failure dead-lettered, a transient one rolled back
 * for the broker's redelivery; batch sizes; the meters each effect has from the start. Imports the
 * vocabulary, failures, sequencing and dead letters; tells the kill switch how deliveries end
 * through {@link io.orderflow.effects.consumer.DeliveryOutcomes}, and never imports it.
 */
package io.orderflow.effects.consumer;
