package io.orderflow.it.support;

import java.io.IOException;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * WildFly's own console (HAL) in the browser, as the tests' administrator. OrderFlow's queues come
 * from the broker's own configuration, so HAL's messaging views, which list the queues WildFly's
 * subsystem defines (jms-queue), do not show them: its management model does, as the messaging
 * server's runtime-queue resources.
 */
public final class HalConsole implements AutoCloseable {

    private final Browser browser;

    private HalConsole(Browser browser) {
        this.browser = browser;
    }

    /** The management model's page for the queue: its data, as HAL read it on opening. */
    public static HalConsole atQueue(String queue) {
        HalConsole hal =
                new HalConsole(
                        Browser.onConsole(TestServices.ADMIN_USER, TestServices.adminPassword()));
        hal.browser.go(
                "http://localhost:"
                        + System.getProperty("orderflow.it.management.port")
                        + "/console/index.html#model-browser");
        for (String node :
                List.of(
                        "subsystem",
                        "messaging-activemq",
                        "server",
                        "default",
                        "runtime-queue",
                        queue)) {
            hal.open(node);
        }
        return hal;
    }

    /** Selects the tree's node of that name (the deepest, once its parent is open) and opens it. */
    private void open(String node) {
        WebElement anchor =
                browser.until(
                        driver -> {
                            List<WebElement> found =
                                    driver.findElements(
                                            By.xpath(
                                                    "//a[contains(@class,'jstree-anchor') and normalize-space(.)='"
                                                            + node
                                                            + "']"));
                            return found.isEmpty() ? null : found.get(found.size() - 1);
                        });
        anchor.click();
        WebElement item = anchor.findElement(By.xpath(".."));
        if (!item.getAttribute("class").contains("jstree-leaf")) {
            item.findElement(By.cssSelector("i.jstree-ocl")).click();
        }
    }

    /** An attribute (by its management name) as the data tab shows it, once it shows it. */
    public String value(String attribute) {
        return browser.until(
                driver ->
                        driver
                                .findElements(
                                        By.cssSelector(
                                                "span[id$='-form-" + attribute + "-readonly']"))
                                .stream()
                                .filter(WebElement::isDisplayed)
                                .map(WebElement::getText)
                                .filter(text -> !text.isBlank())
                                .findFirst()
                                .orElse(null));
    }

    public void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }

    @Override
    public void close() {
        browser.close();
    }
}
