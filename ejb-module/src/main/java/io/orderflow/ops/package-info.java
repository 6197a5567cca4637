/**
 * What operators and staff do, behind roles on every bean ({@code @RolesAllowed},
 * ArchitectureTest): the dead-letter desk (its letters grouped by failure, retry and discard with a
 * reason, audited), held events, an effect's pause and resume (the record, the broker, the kill
 * switch, in that order), investigations, flow history. The web resources in front only map
 * requests and views.
 */
package io.orderflow.ops;
