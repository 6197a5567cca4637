/**
 * The analytics effect: revenue and units per day and SKU, booked from the order's events (a
 * cancellation as negative units). Its bean extends the consumer template; it imports the hall,
 * never another effect.
 */
package io.orderflow.effects.analytics;
