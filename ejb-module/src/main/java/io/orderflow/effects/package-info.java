/**
 * The effects' vocabulary: which side effects an order has ({@link io.orderflow.effects.Effect},
 * each with its queue and dead-letter queue) and how a setting is read per effect. Below it the
 * hall, each concern a package of its own that knows only those listed before it: {@code failures},
 * {@code sequencing}, {@code deadletters}, the {@code consumer} template, the {@code killswitch};
 * then the six effects, one package each, which know the hall and never each other. This package
 * imports none of them (ArchitectureTest).
 */
package io.orderflow.effects;
