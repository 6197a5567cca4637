/**
 * The order: validation, the reservation (the Idempotency-Key, the payment attempt and the stock
 * hold in one short local transaction), the order's XA transaction with its events ({@code
 * OrderBook}), cancellation, and the holds that lapse. Imports the effects' ledger (an order's row
 * for each effect is written in its transaction), never the effects' consumers or the web.
 */
package io.orderflow.checkout;
