package io.orderflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters built once each, by name and tags, with the family's HELP text, then kept: a builder's
 * registration maps and looks up the meter's id on every call, which every order and every event
 * would otherwise pay.
 */
final class KnownMeters {

    private final MeterRegistry registry;
    private final Map<String, String> help;
    private final Duration[] buckets;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    /**
     * @param help each family's HELP text, by the meter's name
     * @param buckets the upper bounds of the timers' histogram buckets; none for a summary
     */
    KnownMeters(MeterRegistry registry, Map<String, String> help, Duration... buckets) {
        this.registry = registry;
        this.help = Map.copyOf(help);
        this.buckets = buckets.clone();
    }

    Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(
                key(name, tags),
                key ->
                        Counter.builder(name)
                                .description(helpOf(name))
                                .tags(tags)
                                .register(registry));
    }

    Timer timer(String name, String... tags) {
        return timers.computeIfAbsent(
                key(name, tags),
                key ->
                        Timer.builder(name)
                                .description(helpOf(name))
                                .tags(tags)
                                .serviceLevelObjectives(buckets)
                                .register(registry));
    }

    private String helpOf(String name) {
        String text = help.get(name);
        if (text == null) {
            throw new IllegalArgumentException(name + " has no HELP text");
        }
        return text;
    }

    private static List<String> key(String name, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(List.of(tags));
        return key;
    }
}
