package io.orderflow.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/** The payment service answering one card's authorizations otherwise, until the stub is removed. */
public final class PaymentAnswers {

    private PaymentAnswers() {}

    /**
     * Authorizations with this token are made as usual (one per Idempotency-Key) but answered only
     * after the delay.
     */
    public static StubMapping slow(String token, int delayMillis) {
        return answer(
                token,
                aResponse()
                        .withStatus(201)
                        .withFixedDelay(delayMillis)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"authorizationId\":\"auth-{{request.headers.Idempotency-Key}}\",\"status\":\"AUTHORIZED\"}")
                        .withTransformers("response-template"));
    }

    /** Authorizations with this token are answered {@code 503}: the payment service is down. */
    public static StubMapping unavailable(String token) {
        return answer(token, aResponse().withStatus(503).withBody("maintenance"));
    }

    private static StubMapping answer(String token, ResponseDefinitionBuilder response) {
        return TestServices.services()
                .payment()
                .wireMock()
                .stubFor(
                        post(urlEqualTo("/payments/authorizations"))
                                .atPriority(1)
                                .withRequestBody(matchingJsonPath("$.token", equalTo(token)))
                                .willReturn(response));
    }

    public static void remove(StubMapping stub) {
        TestServices.services().payment().wireMock().removeStub(stub);
    }
}
