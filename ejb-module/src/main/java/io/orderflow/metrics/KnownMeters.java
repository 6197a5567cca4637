package io.orderflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters looked up in the registry once each, by name and tags, then kept: WildFly 39's registry
 * answers a lookup by walking every meter it holds, which cost an eighth of the server's CPU under
 * load (the benchmark's profile) when every order and every event asked again.
 */
final class KnownMeters {

    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    KnownMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(key(name, tags), key -> registry.counter(name, tags));
    }

    Timer timer(String name, String... tags) {
        return timers.computeIfAbsent(key(name, tags), key -> registry.timer(name, tags));
    }

    private static List<String> key(String name, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(List.of(tags));
        return key;
    }
}
