package io.orderflow.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/** The warehouse answering one customer's fulfilments otherwise, until the stub is removed. */
public final class WarehouseAnswers {

    private WarehouseAnswers() {}

    /**
     * Every fulfilment request for the customer's orders is answered {@code 422}; or for every
     * customer whose address contains the text.
     */
    public static StubMapping unknownAddress(String customerEmail) {
        return answer(
                customerEmail,
                aResponse().withStatus(422).withBody("{\"error\":\"unknown delivery address\"}"));
    }

    /** Every fulfilment request for the customer's orders is answered {@code 503}, for a while. */
    public static StubMapping unavailableFor(String customerEmail) {
        return answer(customerEmail, aResponse().withStatus(503).withBody("maintenance"));
    }

    private static StubMapping answer(String customerEmail, ResponseDefinitionBuilder response) {
        return TestServices.services()
                .warehouse()
                .wireMock()
                .stubFor(
                        post(urlEqualTo("/warehouse/fulfilments"))
                                .atPriority(1)
                                .withRequestBody(containing(customerEmail))
                                .willReturn(response));
    }

    public static void remove(StubMapping stub) {
        TestServices.services().warehouse().wireMock().removeStub(stub);
    }
}
