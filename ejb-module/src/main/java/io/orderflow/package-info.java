/**
 * What every feature shares: an order's id, the refusals a caller is answered with ({@link
 * io.orderflow.InvalidRequest}, {@link io.orderflow.Rejection}), what makes a failure a service
 * outage ({@link io.orderflow.ServiceUnavailable}), a digest. Imports no feature.
 */
package io.orderflow;
