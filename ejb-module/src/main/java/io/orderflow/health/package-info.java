/**
 * The figures the readiness and backlog checks read (the probes live in health-probes, in the EAR's
 * lib/): the database's, the broker's, each effect's backlog.
 */
package io.orderflow.health;
