package io.orderflow.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.orderflow.effects.Effect;
import io.orderflow.it.support.Api;
import io.orderflow.it.support.Browser;
import io.orderflow.it.support.DeadLetterDesk;
import io.orderflow.it.support.HalConsole;
import io.orderflow.it.support.Orders;
import io.orderflow.it.support.Products;
import io.orderflow.it.support.TestServices;
import io.orderflow.it.support.WarehouseAnswers;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The operator's page in a real browser (Debian's chromium): staff read, ops act, a user with
 * neither role gets a page that says so; a paused queue fills and drains before the operator's
 * eyes; an order's journey is found by its customer; a dead-letter group is marked, one of it
 * discarded with a reason that the audit shows, the rest sent back after the warehouse is fixed,
 * and those orders complete; and all of that works from the keyboard alone. The paused queue shows
 * the same in WildFly's own console (HAL), where an administrator finds it.
 */
@ExtendWith(ArquillianExtension.class)
class OperatorConsoleIT {

    private static final String EFFECT_ROW = "#flow-effects tr[data-effect='%s'] ";

    private static Browser asOps() {
        return Browser.as(TestServices.OPS_USER, TestServices.opsPassword());
    }

    @Test
    void staff_read_the_flow_but_cannot_act_and_a_user_without_either_role_gets_a_clear_page()
            throws Exception {
        try (Browser staff = Browser.as(TestServices.STAFF_USER, TestServices.opsPassword())) {
            staff.open("flow");
            staff.until(d -> d.findElements(By.cssSelector("#flow-effects tbody tr")).size() == 6);
            assertThat(staff.text("#caller-role")).isEqualTo("staff: reads only");
            assertThat(staff.find(String.format(EFFECT_ROW, "email") + "button").isEnabled())
                    .as("a staff user's pause button")
                    .isFalse();
            Object status =
                    staff.driver()
                            .executeAsyncScript(
                                    "const done = arguments[arguments.length - 1];"
                                            + "fetch('/api/ops/effects/email/pause', {method: 'POST',"
                                            + " headers: {'Content-Type': 'application/json'}, body: '{}'})"
                                            + ".then(r => done(r.status), e => done(String(e)));");
            assertThat(status)
                    .as("the server refuses staff, whatever the page shows")
                    .isEqualTo(403L);
        }
        assertThat(Api.get("/ops/effects", Api.asOps()).body()).doesNotContain("\"paused\":true");
        try (Browser clerk = Browser.as(TestServices.CLERK_USER, TestServices.opsPassword())) {
            clerk.untilText("h1", "Forbidden");
            assertThat(clerk.text("#refusal")).contains("reading needs the role staff or ops");
            clerk.screenshot("no-role");
        }
    }

    @Test
    void an_operator_pauses_an_effect_watches_its_queue_fill_and_resumes_it_to_drain()
            throws Exception {
        String row = String.format(EFFECT_ROW, "analytics");
        try (Browser ops = asOps()) {
            ops.open("flow");
            ops.untilText(row + ".delivery", "running");
            ops.click(row + "button");
            ops.untilText(row + ".delivery", "paused by " + TestServices.OPS_USER);
            String sku = Products.create("console-drain", 100);
            List<String> orders =
                    IntStream.range(0, 5)
                            .mapToObj(
                                    i ->
                                            Orders.place(
                                                    Orders.uniqueCustomer("console-drain"),
                                                    sku,
                                                    "1"))
                            .toList();
            ops.until(d -> Long.parseLong(ops.text(row + ".waiting")) >= orders.size());
            ops.screenshot("flow-paused");
            try (HalConsole hal = HalConsole.atQueue(Effect.ANALYTICS.queue())) {
                assertThat(hal.value("paused")).as("in WildFly's console").isEqualTo("true");
                assertThat(Long.parseLong(hal.value("message-count")))
                        .as("in WildFly's console")
                        .isGreaterThanOrEqualTo(orders.size());
                assertThat(hal.value("dead-letter-address"))
                        .isEqualTo("DLQ." + Effect.ANALYTICS.queue());
                hal.screenshot("hal-effect-queue");
            }
            ops.click(row + "button");
            ops.untilText(row + ".delivery", "running");
            ops.until(d -> ops.text(row + ".waiting").equals("0"));
            orders.forEach(Orders::awaitAllDone);
            ops.screenshot("flow");
        } finally {
            Api.postJson("/ops/effects/analytics/resume", "{}", Api.asOps());
        }
    }

    @Test
    void staff_find_an_order_by_its_customer_and_read_its_journey() throws Exception {
        String customer = Orders.uniqueCustomer("console-journey");
        String orderId = Orders.place(customer, Products.create("console-journey", 10), "1");
        Orders.awaitAllDone(orderId);
        try (Browser staff = Browser.as(TestServices.STAFF_USER, TestServices.opsPassword())) {
            staff.open("orders");
            staff.find("#order-query").sendKeys(customer);
            staff.click("#order-search button");
            // the search index is an effect too: it may need a moment after the order is done
            staff.until(
                    d -> {
                        if (d.findElements(By.linkText(orderId)).isEmpty()) {
                            staff.click("#order-search button");
                            return false;
                        }
                        return true;
                    });
            staff.click(By.linkText(orderId));
            staff.untilText("#journey-title", orderId);
            List<WebElement> effects =
                    staff.driver().findElements(By.cssSelector("#journey .journey-effect"));
            assertThat(effects).hasSize(Orders.EFFECTS.size());
            assertThat(effects)
                    .allSatisfy(
                            effect ->
                                    assertThat(
                                                    effect.findElement(By.cssSelector(".state"))
                                                            .getText())
                                            .isEqualTo("DONE"));
            staff.screenshot("journey");
        }
    }

    @Test
    void an_operator_marks_a_group_discards_one_with_a_reason_and_retries_the_rest_after_the_fix()
            throws Exception {
        String customer = Orders.uniqueCustomer("console-desk");
        StubMapping refusal = WarehouseAnswers.unknownAddress(customer);
        String sku = Products.create("console-desk", 10);
        List<String> orders =
                IntStream.range(0, 3).mapToObj(i -> Orders.place(customer, sku, "1")).toList();
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                orders.stream()
                                        .allMatch(
                                                id ->
                                                        DeadLetterDesk.of(id, "warehouse")
                                                                .isPresent()));
        JsonObject first = DeadLetterDesk.of(orders.get(0), "warehouse").orElseThrow();
        String group =
                ".group[data-fingerprint='"
                        + first.getJsonObject("failure").getString("fingerprint")
                        + "'] ";
        String note = "Address book import broke; Kim is on it";
        String reason = "customer asked to drop order " + orders.get(0);
        try (Browser ops = asOps()) {
            ops.open("dead-letters");
            ops.click(group + "button.investigate");
            ops.find("#confirm-text").sendKeys(note);
            ops.click("#confirm-ok");
            ops.untilText(
                    group + ".investigation", "Under investigation by " + TestServices.OPS_USER);
            assertThat(ops.text(group + ".investigation")).contains(note);
            ops.screenshot("dead-letters");

            ops.click(group + "input[value='" + first.getString("messageId") + "']");
            ops.click(group + "button.danger");
            ops.click("#confirm-ok");
            ops.untilText("#confirm-error", "Please say why");
            ops.find("#confirm-text").sendKeys(reason);
            ops.click("#confirm-ok");
            ops.untilText("#notice", "Discarded 1 of 1");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> DeadLetterDesk.of(orders.get(0), "warehouse").isEmpty());
            assertThat(Orders.effects(orders.get(0)).getJsonObject("warehouse").getString("state"))
                    .isEqualTo("DISCARDED");

            WarehouseAnswers.remove(refusal);
            ops.click(group + "button.retry-group");
            ops.untilText("#retry-preview", "order.effects.warehouse");
            assertThat(ops.text("#retry-preview")).contains(orders.get(1)).contains(orders.get(2));
            ops.screenshot("retry-preview");
            ops.click("#confirm-ok");
            ops.untilText("#notice", "Sent");
            orders.subList(1, 3).forEach(Orders::awaitAllDone);

            ops.open("audit");
            ops.untilText("#audit-log", reason);
            assertThat(ops.text("#audit-log")).contains("investigate").contains(note);
            ops.screenshot("audit");
        } finally {
            WarehouseAnswers.remove(refusal);
        }
    }

    /**
     * Another site (the warehouse's server, another origin) frames the desk for an operator who is
     * logged in: the browser shows nothing of it, so no button of the desk can be clicked through a
     * disguise. The page itself runs under its policy without a single violation.
     */
    @Test
    void another_site_cannot_frame_the_page_and_the_page_breaks_none_of_its_own_policy()
            throws Exception {
        String page = Api.BASE.replace("/api", "") + "/ops/";
        StubMapping framing =
                TestServices.services()
                        .warehouse()
                        .wireMock()
                        .stubFor(
                                get(urlEqualTo("/framing"))
                                        .willReturn(
                                                aResponse()
                                                        .withHeader("Content-Type", "text/html")
                                                        .withBody(
                                                                "<!DOCTYPE html><title>prize</title>"
                                                                        + "<iframe id=desk src='"
                                                                        + page
                                                                        + "'></iframe>")));
        try (Browser ops = asOps()) {
            ops.open("flow");
            ops.until(d -> d.findElements(By.cssSelector("#flow-effects tbody tr")).size() == 6);
            assertThat(ops.policyViolations()).as("the page under its own policy").isEmpty();

            ops.driver().navigate().to(TestServices.services().warehouse().baseUrl() + "/framing");
            ops.find("#desk");
            ops.driver().switchTo().frame("desk");
            assertThat(ops.driver().findElements(By.cssSelector("#flow-effects, nav, button")))
                    .as("the desk inside another site's frame")
                    .isEmpty();
            ops.driver().switchTo().defaultContent();
            assertThat(ops.policyViolations())
                    .as("the browser refused the frame for the policy's frame-ancestors")
                    .anyMatch(line -> line.contains("frame-ancestors"));
        } finally {
            TestServices.services().warehouse().wireMock().removeStub(framing);
        }
    }

    @Test
    void the_page_reads_on_a_phone() throws Exception {
        try (Browser staff =
                Browser.as(
                        TestServices.STAFF_USER,
                        TestServices.opsPassword(),
                        new Dimension(390, 844))) {
            staff.open("flow");
            staff.until(d -> d.findElements(By.cssSelector("#flow-effects tbody tr")).size() == 6);
            Object overflow =
                    staff.driver()
                            .executeScript(
                                    "return document.documentElement.scrollWidth > window.innerWidth;");
            assertThat(overflow).as("the page scrolls sideways on a phone").isEqualTo(false);
            staff.screenshot("phone");
        }
    }

    @Test
    void an_operator_works_the_page_from_the_keyboard_alone() throws Exception {
        String version = DeadLetterDesk.deadLetterUnreadable("order.effects.search");
        JsonObject letter = DeadLetterDesk.failedWith(version).get(0);
        String investigate =
                ".group[data-fingerprint='"
                        + letter.getJsonObject("failure").getString("fingerprint")
                        + "'] button.investigate";
        String note = "Unknown schema version; checking which producer sends it";
        try (Browser ops = asOps()) {
            ops.open("flow");
            // arriving at the page, as from a bookmark, not moving within it
            ops.driver().navigate().refresh();
            ops.until(d -> d.findElements(By.cssSelector("#flow-effects tbody tr")).size() == 6);
            ops.press(Keys.TAB);
            assertThat(ops.focused().getText()).isEqualTo("Skip to the content");
            ops.tabTo("#nav-dead-letters");
            ops.press(Keys.ENTER);
            ops.find(investigate);
            ops.tabTo(investigate);
            ops.press(Keys.ENTER);
            assertThat(ops.focused().getAttribute("id")).isEqualTo("confirm-text");
            ops.press(Keys.ESCAPE);
            assertThat(ops.find("#confirm").isDisplayed()).as("the dialog, after Escape").isFalse();
            assertThat(ops.focused())
                    .as("focus back where it was")
                    .isEqualTo(ops.find(investigate));
            ops.press(Keys.ENTER);
            ops.press(note);
            ops.tabTo("#confirm-ok");
            ops.press(Keys.ENTER);
            ops.untilText(investigate.replace("button.investigate", ".investigation"), note);
        } finally {
            DeadLetterDesk.discardMarked(version, "made by a test of the page");
        }
    }
}
