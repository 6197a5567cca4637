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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The payment service, over HTTP. The one synchronous call of a checkout: the customer waits for the answer, so it
 * has tight timeouts, and an unreachable service is reported as such rather than as a decline.
 */
@ApplicationScoped
public class PaymentGateway {

    /** JSON.createX() looks the provider up through the ServiceLoader on every call; this looks it up once. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(PaymentGateway.class.getName());

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

    public PaymentAuthorization authorize(String token, BigDecimal amount, String currency) {
        String body = JSON.createObjectBuilder()
                .add("token", token)
                .add("amount", amount)
                .add("currency", currency)
                .build()
                .toString();
        HttpResponse<String> response = send(post("/payments/authorizations", body));
        if (response.statusCode() == 402) {
            throw new PaymentDeclined();
        }
        if (response.statusCode() / 100 != 2) {
            throw new PaymentUnavailable(new IOException("payment service answered " + response.statusCode()));
        }
        try (var reader = JSON.createReader(new StringReader(response.body()))) {
            JsonObject json = reader.readObject();
            return new PaymentAuthorization(json.getString("authorizationId"));
        } catch (RuntimeException unreadable) {
            throw new PaymentUnavailable(unreadable);
        }
    }

    /**
     * Releases the hold. A failure here cannot be handed back to the customer (the checkout already failed), so it
     * is logged for the payments team to void by hand; the payment service also expires unused holds.
     */
    public void voidAuthorization(PaymentAuthorization authorization) {
        try {
            HttpResponse<String> response = send(post("/payments/authorizations/" + authorization.id() + "/void", "{}"));
            if (response.statusCode() / 100 != 2) {
                LOG.severe("Could not void payment authorization " + authorization.id() + ": payment service answered " + response.statusCode());
            }
        } catch (PaymentUnavailable unreachable) {
            LOG.log(Level.SEVERE, "Could not void payment authorization " + authorization.id(), unreachable.getCause());
        }
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofMillis(timeoutMillis))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
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
