package io.orderflow.bench;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * What the benchmark's customers buy: a catalogue of 500 products whose sales are skewed as a
 * shop's are (Zipf with exponent 1: the most popular product sells twice as often as the second,
 * ten times as often as the tenth, and the top 10 % make up two thirds of the sales).
 */
final class Popularity {

    static final Popularity CATALOGUE = new Popularity(500);

    /** A product of the seeded catalogue in every order of a sale: contention on purpose. */
    static final List<String> HOT_PRODUCT = List.of("MUG-001");

    private final double[] cumulative;

    private Popularity(int products) {
        cumulative = new double[products];
        double sum = 0;
        for (int rank = 1; rank <= products; rank++) {
            sum += 1.0 / rank;
            cumulative[rank - 1] = sum;
        }
    }

    /** Every product, for the benchmark to stock before it starts. */
    List<String> skus() {
        return IntStream.rangeClosed(1, cumulative.length).mapToObj(Popularity::sku).toList();
    }

    /** Two different products, each drawn by its popularity. */
    List<String> pair() {
        String first = draw();
        String second = draw();
        while (second.equals(first)) {
            second = draw();
        }
        return List.of(first, second);
    }

    private String draw() {
        double point = ThreadLocalRandom.current().nextDouble() * cumulative[cumulative.length - 1];
        int index = Arrays.binarySearch(cumulative, point);
        return sku(1 + (index >= 0 ? index : -index - 1));
    }

    private static String sku(int rank) {
        return String.format("BENCH-%03d", rank);
    }
}
