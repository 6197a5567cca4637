/**
 * Every refusal as RFC 9457 {@code application/problem+json}: the problem types, the mappers from
 * the EJB module's refusals, malformed bodies, wrong content types and oversized bodies.
 */
package io.orderflow.web.problems;
