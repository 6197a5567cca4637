/** Products and their prices, as the checkout reads them. Imports no other feature. */
package io.orderflow.catalogue;
