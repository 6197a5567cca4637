/**
 * The broker's vocabulary and its management: JNDI names, destinations, headers, the names of the
 * queues that are not an effect's, and the one class that asks the broker about its queues (pause,
 * resume, counts). Imports no feature.
 */
package io.orderflow.messaging;
