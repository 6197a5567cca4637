/**
 * Pausing an effect: the record of every pause (an operator's or a kill switch's, the one truth
 * every node and a restarted one go by), and the kill switch, which counts failures in a row,
 * pauses the effect's queue while its downstream is away and probes it through the template's
 * steps. Imports the vocabulary, failures, sequencing and the consumer template; an operator's
 * pause and resume live in {@code io.orderflow.ops}.
 */
package io.orderflow.effects.killswitch;
