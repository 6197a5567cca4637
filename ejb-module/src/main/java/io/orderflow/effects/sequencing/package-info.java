/**
 * Where each order's events stand in each effect, and their order: the ledger ({@code
 * effect_events}, one row per order, effect and event), the turns a batch takes at it, the events
 * held until their predecessor is applied and sent on by its transaction, and what an event that
 * contradicts the record, or arrives before it, is. Imports the vocabulary and failures only.
 */
package io.orderflow.effects.sequencing;
