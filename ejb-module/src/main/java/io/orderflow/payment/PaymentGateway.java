package io.orderflow.payment;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The payment service, over HTTP. The one synchronous call of a checkout: the customer waits for
 * the answer, so it has tight timeouts, and an unreachable service is reported as such rather than
 * as a decline. Every authorization carries an Idempotency-Key, so that a call repeated after a
 * timeout is answered with the first authorization instead of making a second one.
 */
@ApplicationScoped
public class PaymentGateway {

    /**
     * JSON.createX() looks the provider up through the ServiceLoader on every call; this looks it
     * up once.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    @ConfigProperty(name = "orderflow.payment.url")
    String baseUrl;

    @Inject
    @ConfigProperty(name = "orderflow.payment.timeout-millis", defaultValue = "5000")
    long timeoutMillis;

    private HttpClient http;

    @PostConstruct
    void connect() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    public PaymentAuthorization authorize(
            String token, BigDecimal amount, String currency, String idempotencyKey) {
        String body =
                JSON.createObjectBuilder()
                        .add("token", token)
                        .add("amount", amount)
                        .add("currency", currency)
                        .build()
                        .toString();
        HttpResponse<String> response =
                send(post("/payments/authorizations", body, idempotencyKey));
        if (response.statusCode() == 402) {
            throw new PaymentDeclined();
        }
        if (response.statusCode() / 100 != 2) {
            throw new PaymentUnavailable(
                    new IOException("payment service answered " + response.statusCode()));
        }
        try (var reader = JSON.createReader(new StringReader(response.body()))) {
            JsonObject json = reader.readObject();
            return new PaymentAuthorization(json.getString("authorizationId"));
        } catch (RuntimeException unreadable) {
            throw new PaymentUnavailable(unreadable);
        }
    }

    /**
     * Releases the hold; throws when the payment service did not confirm it, so that the caller
     * (the queue of voids) tries again. An authorization the service does not know (404) has
     * nothing left to release.
     */
    public void voidAuthorization(String authorizationId) {
        HttpResponse<String> response =
                send(post("/payments/authorizations/" + authorizationId + "/void", "{}", null));
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw new VoidRefused(authorizationId, response.statusCode());
        }
    }

    private HttpRequest post(String path, String json, String idempotencyKey) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofMillis(timeoutMillis))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PaymentUnavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaymentUnavailable(e);
        }
    }
}
