package io.orderflow.it.support;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.HasAuthentication;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UsernameAndPassword;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven by Debian's chromium-driver (both from {@code apt-get}, as
 * {@code .ci/run} installs them; Selenium is told where they are, so it downloads nothing), logged
 * in to the operator's page as one user of WildFly's application realm.
 */
public final class Browser implements AutoCloseable {

    /** Where the tests' screenshots go; the README shows copies of them from docs/console/. */
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A laptop's window, logged in as the user. */
    public static Browser as(String user, String password) {
        return as(user, password, new Dimension(1366, 900));
    }

    public static Browser as(String user, String password, Dimension window) {
        Browser browser = new Browser(driver(window));
        browser.login(user, password);
        return browser;
    }

    /**
     * A wide window (the broker's queue table is wide) on a console other than OrderFlow's page
     * (WildFly's, the broker's). Names other than localhost (and 127.0.0.1) resolve to nothing, so
     * a console's calls home (HAL's version check, its analytics) never leave the machine.
     */
    public static Browser onConsole() {
        return new Browser(
                driver(
                        new Dimension(1600, 900),
                        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"));
    }

    /**
     * As {@link #onConsole()}, on a console that asks for DIGEST credentials in every call it makes
     * (WildFly's HAL): the browser answers each challenge with the user's through its DevTools, as
     * a person would in its login dialog.
     */
    public static Browser onConsole(String user, String password) {
        Browser browser = onConsole();
        ((HasAuthentication) browser.driver)
                .register(() -> new UsernameAndPassword(user, password));
        return browser;
    }

    private static ChromeDriver driver(Dimension window, String... arguments) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("orderflow.it.chromium", "/usr/bin/chromium"));
        // the console's messages, where the browser reports what the page's policy refused
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=" + window.getWidth() + "," + window.getHeight());
        options.addArguments(arguments);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(
                                Path.of(
                                                System.getProperty(
                                                        "orderflow.it.chromedriver",
                                                        "/usr/bin/chromedriver"))
                                        .toFile())
                        .build();
        return new ChromeDriver(service, options);
    }

    /** Goes to an address of its own, outside the operator's page. */
    public void go(String url) {
        driver.navigate().to(url);
    }

    /**
     * Credentials in the address: the browser answers the page's BASIC challenge with them and then
     * every call the page makes under the same realm, as it would after its login dialog.
     */
    private void login(String user, String password) {
        String base = Api.BASE.replace("/api", "");
        driver.get(
                base.replace(
                                "http://",
                                "http://"
                                        + URLEncoder.encode(user, StandardCharsets.UTF_8)
                                        + ":"
                                        + URLEncoder.encode(password, StandardCharsets.UTF_8)
                                        + "@")
                        + "/ops/");
    }

    /** Opens a section of the page (its address after the #). */
    public void open(String route) {
        driver.navigate().to(Api.BASE.replace("/api", "") + "/ops/#" + route);
    }

    public WebElement find(String css) {
        return until(d -> d.findElement(By.cssSelector(css)));
    }

    /**
     * Clicks what the selector finds, found again if the page drew it anew between the finding and
     * the click (the flow view redraws itself every few seconds).
     */
    public void click(String css) {
        click(By.cssSelector(css));
    }

    public void click(By locator) {
        until(
                d -> {
                    d.findElement(locator).click();
                    return true;
                });
    }

    public <T> T until(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits until the element the selector finds shows the text. */
    public void untilText(String css, String text) {
        until(d -> d.findElement(By.cssSelector(css)).getText().contains(text));
    }

    public String text(String css) {
        return find(css).getText();
    }

    /** Types keys into whatever has the focus, as a user at the keyboard would. */
    public void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Presses Tab until the element the selector finds has the focus (at most 200 times). */
    public void tabTo(String css) {
        WebElement target = find(css);
        for (int presses = 0; presses < 200; presses++) {
            if (focused().equals(target)) {
                return;
            }
            press(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + css);
    }

    /**
     * What the browser refused under a Content-Security-Policy since the last call, as its console
     * reported it.
     */
    public List<String> policyViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(
                driver.getScreenshotAs(OutputType.FILE).toPath(),
                SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
