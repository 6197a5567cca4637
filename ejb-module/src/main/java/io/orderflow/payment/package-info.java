/**
 * The payment service's client, the attempts (one authorization per Idempotency-Key), the voids of
 * authorizations no order kept (a queue of their own, with their dead letters) and the sweep of
 * abandoned attempts.
 */
package io.orderflow.payment;
