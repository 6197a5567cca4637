/** Telemetry batches in: a bounded queue's refusal answered 503 with Retry-After. */
package io.orderflow.web.telemetry;
