package io.orderflow.effects.warehouse;

import io.orderflow.Causes;
import io.orderflow.effects.Effect;
import io.orderflow.effects.consumer.EffectHandler;
import io.orderflow.events.OrderEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells the warehouse to ship (or not to ship) an order, through its fulfilment webhook. The call
 * is outside the transaction, so it is at-least-once: every delivery of an event sends the same
 * {@code Idempotency-Key} (the event id) and the warehouse keeps the first.
 */
@ApplicationScoped
public class FulfilmentRequests implements EffectHandler {

    /**
     * JSON.createX() looks the provider up through the ServiceLoader on every call; this looks it
     * up once.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    @ConfigProperty(name = "orderflow.warehouse.url")
    String baseUrl;

    @Inject
    @ConfigProperty(name = "orderflow.warehouse.timeout-millis", defaultValue = "5000")
    long timeoutMillis;

    private HttpClient http;

    @PostConstruct
    void connect() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @Override
    public Effect effect() {
        return Effect.WAREHOUSE;
    }

    /** A 4xx answer, but 408 and 429: they ask to come back later. */
    @Override
    public boolean failsForGood(Throwable failure) {
        return Causes.find(failure, WarehouseRefused.class)
                .filter(WarehouseRefused::isClientError)
                .isPresent();
    }

    @Override
    public void apply(OrderEvent event) throws IOException, InterruptedException, WarehouseRefused {
        String path =
                switch (event.type()) {
                    case OrderPlaced -> "/fulfilments";
                    case OrderCancelled -> "/fulfilments/" + event.orderId() + "/cancellation";
                };
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofMillis(timeoutMillis))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", event.eventId())
                        .POST(HttpRequest.BodyPublishers.ofString(bodyOf(event)))
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new WarehouseRefused(response.statusCode(), response.body());
        }
    }

    private static String bodyOf(OrderEvent event) {
        JsonArrayBuilder lines = JSON.createArrayBuilder();
        event.lines()
                .forEach(
                        line ->
                                lines.add(
                                        JSON.createObjectBuilder()
                                                .add("sku", line.sku())
                                                .add("quantity", line.quantity())));
        return JSON.createObjectBuilder()
                .add("orderId", event.orderId())
                .add("event", event.type().name())
                .add("customerEmail", event.customerEmail())
                .add("lines", lines)
                .build()
                .toString();
    }
}
