/**
 * The order events: their schema and codec, the one class that publishes them ({@code
 * EventPublisher}, the only sender of order events), the port the synchronous baseline implements
 * too, and the facts a consumer reads from the database instead of trusting the message's copy.
 */
package io.orderflow.events;
