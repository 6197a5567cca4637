/**
 * The warehouse effect: the fulfilment webhook told to ship, or not to ship, an order; at least
 * once, every delivery of an event sending the same Idempotency-Key. Imports the hall, never
 * another effect.
 */
package io.orderflow.effects.warehouse;
