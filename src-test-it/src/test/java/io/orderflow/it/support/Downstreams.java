package io.orderflow.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** What reached OrderFlow's downstreams, counted the same way by every test. */
public final class Downstreams {

    private Downstreams() {
    }

    /** Authorization requests the payment service received. */
    public static int authorizations() {
        return TestServices.services().payment().wireMock()
                .findAll(postRequestedFor(urlEqualTo("/payments/authorizations"))).size();
    }

    /** Void requests the payment service received. */
    public static int voids() {
        return TestServices.services().payment().wireMock()
                .findAll(postRequestedFor(urlPathMatching("/payments/authorizations/[^/]+/void"))).size();
    }

    /** Fulfilment requests the warehouse received for the order, whatever it answered. */
    public static int fulfilmentRequests(String orderId) {
        return TestServices.services().warehouse().wireMock()
                .findAll(postRequestedFor(urlEqualTo("/warehouse/fulfilments")).withRequestBody(containing(orderId))).size();
    }

    /** Mails the SMTP server received for the order's event, by the Message-ID OrderFlow gives them. */
    public static long mails(String orderId, String eventType) {
        return TestServices.services().mail().countWithMessageId("<" + orderId + "." + eventType + "@orderflow.local>");
    }
}
