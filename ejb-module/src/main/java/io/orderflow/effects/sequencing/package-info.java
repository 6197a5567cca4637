/**
 * Where each order's events stand in each effect, and their order: the ledger ({@code
 * effect_events}, one row per order, effect and event) and how people see it, the turns a batch
 * takes at it, the events held until their predecessor is applied and sent on by its transaction,
 * and what an event that contradicts the record, or arrives before it, is. Of the effects' hall it
 * imports the vocabulary and failures only.
 */
package io.orderflow.effects.sequencing;
