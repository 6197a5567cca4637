/**
 * The recommendations effect: which SKUs are bought together, one row per order and pair, counted
 * when read. Imports the hall, never another effect.
 */
package io.orderflow.effects.recommendations;
