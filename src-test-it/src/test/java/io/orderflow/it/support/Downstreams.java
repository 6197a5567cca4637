package io.orderflow.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What reached OrderFlow's downstreams, counted the same way by every test. */
public final class Downstreams {

    private static final Pattern VOID = Pattern.compile("/payments/authorizations/([^/]+)/void");

    private Downstreams() {}

    /** Authorization requests the payment service received. */
    public static int authorizations() {
        return TestServices.services()
                .payment()
                .wireMock()
                .findAll(postRequestedFor(urlEqualTo("/payments/authorizations")))
                .size();
    }

    /** Void requests the payment service received. */
    public static int voids() {
        return TestServices.services()
                .payment()
                .wireMock()
                .findAll(postRequestedFor(urlPathMatching("/payments/authorizations/[^/]+/void")))
                .size();
    }

    /** Void requests the payment service received for one authorization. */
    public static int voidsOf(String authorizationId) {
        return TestServices.services()
                .payment()
                .wireMock()
                .findAll(
                        postRequestedFor(
                                urlEqualTo(
                                        "/payments/authorizations/" + authorizationId + "/void")))
                .size();
    }

    /** Void requests the payment service received, counted by authorization. */
    public static Map<String, Long> voidsByAuthorization() {
        return TestServices.services().payment().wireMock().getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .filter(request -> RequestMethod.POST.equals(request.getMethod()))
                .map(request -> VOID.matcher(request.getUrl()))
                .filter(Matcher::matches)
                .collect(Collectors.groupingBy(path -> path.group(1), Collectors.counting()));
    }

    /** Authorization requests the payment service received with this Idempotency-Key. */
    public static int authorizationsWithKey(String idempotencyKey) {
        return TestServices.services()
                .payment()
                .wireMock()
                .findAll(
                        postRequestedFor(urlEqualTo("/payments/authorizations"))
                                .withHeader("Idempotency-Key", equalTo(idempotencyKey)))
                .size();
    }

    /**
     * The payment keys (the Idempotency-Key header) of the authorizations asked for this card
     * token, the earliest first.
     */
    public static List<String> paymentKeysOf(String token) {
        List<LoggedRequest> requests =
                new ArrayList<>(
                        TestServices.services()
                                .payment()
                                .wireMock()
                                .findAll(
                                        postRequestedFor(urlEqualTo("/payments/authorizations"))
                                                .withRequestBody(
                                                        matchingJsonPath(
                                                                "$.token", equalTo(token)))));
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return requests.stream().map(r -> r.getHeader("Idempotency-Key")).toList();
    }

    /** Authorizations made and not voided since the given counts were taken. */
    public static int authorizationsStanding(int authorizationsBefore, int voidsBefore) {
        return (authorizations() - authorizationsBefore) - (voids() - voidsBefore);
    }

    /**
     * The authorizations the payment service granted and has not voided. A request repeated with
     * the same key is the same authorization (the payment service answers it with the same id), so
     * they are counted by id, not by request.
     */
    public static Set<String> authorizationsStanding() {
        WireMockServer payment = TestServices.services().payment().wireMock();
        Set<String> granted =
                payment.getAllServeEvents().stream()
                        .filter(
                                call ->
                                        call.getRequest()
                                                .getUrl()
                                                .equals("/payments/authorizations"))
                        .filter(call -> call.getResponse().getStatus() == 201)
                        .map(call -> "auth-" + call.getRequest().getHeader("Idempotency-Key"))
                        .collect(Collectors.toSet());
        payment.getAllServeEvents().stream()
                .filter(
                        call ->
                                call.getRequest()
                                        .getUrl()
                                        .matches("/payments/authorizations/[^/]+/void"))
                .filter(call -> call.getResponse().getStatus() / 100 == 2)
                .map(call -> call.getRequest().getUrl().split("/")[3])
                .forEach(granted::remove);
        return granted;
    }

    /** Fulfilment requests the warehouse received for the order, whatever it answered. */
    public static int fulfilmentRequests(String orderId) {
        return fulfilmentBodies(orderId).size();
    }

    /** The bodies of the fulfilment requests the warehouse received for the order. */
    public static List<String> fulfilmentBodies(String orderId) {
        return TestServices.services()
                .warehouse()
                .wireMock()
                .findAll(
                        postRequestedFor(urlEqualTo("/warehouse/fulfilments"))
                                .withRequestBody(containing(orderId)))
                .stream()
                .map(LoggedRequest::getBodyAsString)
                .toList();
    }

    /** Cancellation webhooks the warehouse received for the order. */
    public static int cancellations(String orderId) {
        return TestServices.services()
                .warehouse()
                .wireMock()
                .findAll(
                        postRequestedFor(
                                urlEqualTo("/warehouse/fulfilments/" + orderId + "/cancellation")))
                .size();
    }

    /**
     * Mails the SMTP server received for the order's event, by the Message-ID OrderFlow gives them.
     */
    public static long mails(String orderId, String eventType) {
        return TestServices.services().mail().countWithMessageId(messageId(orderId, eventType));
    }

    /** Mails the SMTP server received for this address. */
    public static int mailsTo(String recipient) {
        return TestServices.services().mail().messageIdsTo(recipient).size();
    }

    public static String messageId(String orderId, String eventType) {
        return "<" + orderId + "." + eventType + "@orderflow.local>";
    }
}
