/** Staff's full-text search over orders. */
package io.orderflow.web.search;
