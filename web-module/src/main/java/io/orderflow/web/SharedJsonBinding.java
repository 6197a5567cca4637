package io.orderflow.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B instance for every request. Without a resolver, RESTEasy (6.2 in WildFly 39) builds a
 * fresh Jsonb for each request and closes it after, so Yasson introspects every class again each
 * time: the benchmark's profile showed 42 % of the request threads' CPU in {@code
 * MappingContext.getOrCreateClassModel}. Jsonb is thread-safe.
 */
@Provider
public class SharedJsonBinding implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
