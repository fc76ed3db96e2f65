package org.tradewatch.web.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own ChromeDriver ({@code /usr/bin/chromium}, {@code
 * /usr/bin/chromedriver}; installed by {@code .ci/run}). Nothing is downloaded: the driver is
 * named, so Selenium Manager never runs, and Chromium's background networking is off. Each instance
 * is one user with a profile of its own (its own cookies); {@link #reset} makes it fit for another.
 */
final class Browser implements AutoCloseable {

  static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
  static final String CHROMEDRIVER =
      System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;
  private final String root;

  /** A new browser for pages under {@code root} (scheme, host, port and context path). */
  Browser(String root) {
    this.root = root;
    for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!new File(binary).canExecute()) {
        throw new IllegalStateException(
            binary
                + " is missing: install Debian's chromium and chromium-driver"
                + " (apt-get install chromium chromium-driver), as .ci/run does");
      }
    }
    try {
      profile = Files.createTempDirectory("tradewatch-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  /** Opens {@code path} (starting with /) under the application's root. */
  Browser open(String path) {
    driver.get(root + path);
    return this;
  }

  /** The path of the current page under the application's root, with its query. */
  String path() {
    String url = driver.getCurrentUrl();
    return url.startsWith(root) ? url.substring(root.length()) : url;
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  boolean has(String css) {
    return !all(css).isEmpty();
  }

  String text(String css) {
    return find(css).getText();
  }

  /** Types into the field {@code css}, replacing what it held. */
  Browser type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
    return this;
  }

  /** Clicks {@code css} and waits for the page it leads to (or for the same page, reloaded). */
  Browser click(String css) {
    find(css).click();
    return this;
  }

  /** Waits up to {@code timeout} for {@code css} to be on the page, and returns it. */
  WebElement await(String css, Duration timeout) {
    return new WebDriverWait(driver, timeout)
        .until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
  }

  /**
   * Waits up to {@code timeout} for {@code css} to be on the page, and returns its attribute; on a
   * live page the element may be replaced between finding and reading it, and is then found again.
   */
  String awaitAttribute(String css, String attribute, Duration timeout) {
    return new WebDriverWait(driver, timeout)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d ->
                d.findElements(By.cssSelector(css)).stream()
                    .findFirst()
                    .map(element -> element.getDomAttribute(attribute))
                    .orElse(null));
  }

  Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  String source() {
    return driver.getPageSource();
  }

  /** The value of the session cookie, to make requests as this browser's user. */
  String cookie(String name) {
    Cookie cookie = driver.manage().getCookieNamed(name);
    return cookie == null ? null : cookie.getValue();
  }

  /** Whether a JavaScript alert is open (an injected script would open one). */
  boolean alertOpen() {
    try {
      driver.switchTo().alert();
      return true;
    } catch (org.openqa.selenium.NoAlertPresentException e) {
      return false;
    }
  }

  /** The browser console's messages since last asked, as text. */
  List<String> console() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::toString)
        .collect(Collectors.toList());
  }

  /**
   * Makes this browser as good as a new one for someone else: no alert open, no cookies (so no
   * session), no storage, the window's own size, a blank page, and the console read. Cheaper than
   * starting another Chromium.
   */
  void reset() {
    if (alertOpen()) {
      driver.switchTo().alert().dismiss();
    }
    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    driver.executeCdpCommand(
        "Storage.clearDataForOrigin",
        Map.of(
            "origin",
            URI.create(root).resolve("/").toString().replaceAll("/$", ""),
            "storageTypes",
            "local_storage,session_storage"));
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    driver.get("about:blank");
    console();
  }

  /** Moves the pointer onto the middle of {@code element}, as a mouse would. */
  Browser pointAt(WebElement element) {
    new Actions(driver).moveToElement(element).perform();
    return this;
  }

  /**
   * Makes the page as wide and tall as a phone's screen ({@code width} by {@code height} CSS
   * pixels, a touch device), until the browser is closed.
   */
  Browser phone(int width, int height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    return this;
  }

  /** The CSRF token of the current page, from its meta tag. */
  String csrf() {
    return find("meta[name=csrf-token]").getDomAttribute("content");
  }

  Map<String, String> cookies() {
    return driver.manage().getCookies().stream()
        .collect(Collectors.toMap(Cookie::getName, Cookie::getValue, (a, b) -> b));
  }

  /**
   * Saves the whole page, beyond the window, as {@code target/screenshots/<name>.png}: what a
   * reviewer looks at, never what a test asserts.
   */
  Path screenshot(String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> size =
        (Map<String, Object>)
            driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
    Map<String, Object> clip =
        Map.of(
            "x", 0,
            "y", 0,
            "width", ((Number) size.get("width")).doubleValue(),
            "height", ((Number) size.get("height")).doubleValue(),
            "scale", 1);
    Object data =
        driver
            .executeCdpCommand(
                "Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip))
            .get("data");
    Path file =
        Path.of(System.getProperty("tradewatch.war"))
            .getParent()
            .resolve("screenshots")
            .resolve(name + ".png");
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, java.util.Base64.getDecoder().decode(data.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException e) {
        // A profile left in /tmp is harmless.
      }
    }
  }
}
