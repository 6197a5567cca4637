/**
 * The inventory effect: a placed order's stock allocated for picking, released when the order is
 * cancelled (the checkout held the stock itself). Imports the hall, never another effect.
 */
package io.orderflow.effects.inventory;
