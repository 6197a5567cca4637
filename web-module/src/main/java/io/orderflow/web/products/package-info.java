/** The catalogue's products, read by anyone. */
package io.orderflow.web.products;
