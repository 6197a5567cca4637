/**
 * Why an effect failed and what it cost: a failure's summary and fingerprint ({@link
 * io.orderflow.effects.failures.Failure}), each failed attempt as a row of its own, recorded and
 * read back by the failure log, and an event's failures summed up for the journey, the desk and the
 * dead letters. Of the effects' hall it imports only the vocabulary.
 */
package io.orderflow.effects.failures;
