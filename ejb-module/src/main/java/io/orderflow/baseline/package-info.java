/**
 * The synchronous checkout without a queue, every effect inline in the order's transaction: one
 * implementation of the publishing port, kept only to be measured against. Nothing imports it
 * (ArchitectureTest); the container picks it when switched on.
 */
package io.orderflow.baseline;
