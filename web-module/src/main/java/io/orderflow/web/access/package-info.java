/**
 * Who may call what: every resource method carries its own decision, refused to everyone when it
 * carries none, whatever the spelling of its path; the security headers on every answer.
 */
package io.orderflow.web.access;
