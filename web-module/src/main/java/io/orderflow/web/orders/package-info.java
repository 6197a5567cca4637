/**
 * Orders as customers place, read and cancel them, and as staff see them; the checkout's meters.
 */
package io.orderflow.web.orders;
