/**
 * The operators' and staff's resources ({@code /api/ops}): the desk, held events, effects' pauses
 * and kill switches, the flow, staff's order search; each maps to a bean of {@code
 * io.orderflow.ops}, where the roles are checked again.
 */
package io.orderflow.web.ops;
