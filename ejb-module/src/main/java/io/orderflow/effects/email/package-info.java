/**
 * The email effect: the customer's mails when an order is placed or cancelled, over SMTP
 * connections kept open between mails. At least once outside our walls: every mail of an event
 * carries the same Message-ID. Imports the hall, never another effect.
 */
package io.orderflow.effects.email;
