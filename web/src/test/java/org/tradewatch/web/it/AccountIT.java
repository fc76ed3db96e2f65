package org.tradewatch.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A user's care of their account, and what their notifications say of watched listings, in headless
 * Chromium against the real WAR and the simulator (issue #12 items 4, 6 and 8): changing the
 * password with the old one (the session kept, every other one logged out), deleting the account
 * (with the password; the stored token and the proxy's copy go with it), when the stored token last
 * worked, watched listings with their item, price and intent and a link that leads somewhere, the
 * count of a filter, and sample dates that are recent.
 *
 * <p>Each test makes its own accounts, tokens and notifications, so that any one can run alone.
 * Screenshots go to {@code target/screenshots/}; what each test checks is asserted, not seen.
 */
class AccountIT extends BrowserIT {

  private static final String SESSION = "TRADEWATCH_SESSION";
  private static final String PASSWORD = "correct horse battery";
  private static final String NEW_PASSWORD = "a brand new passphrase";
  private static final String EXAMPLE_TOKEN = "5904cbeb0e2cad7f621c0a85";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static String control;

  /** The real WAR as it ships, with its default 30 s polling window. */
  @Deployment(testable = false)
  static WebArchive tradewatch() {
    return war();
  }

  @BeforeAll
  static void awaitTheSimulator() {
    new Simulator().awaitUp();
    control = simulator("/control/notifications");
  }

  @Test
  void thePasswordChangesWithTheOldOneKeepingThisSessionAndEndingTheOthers() {
    Browser browser = browser();
    String name = signUp(browser, "changer");
    Http.Visitor elsewhere = loggedIn(name, PASSWORD);
    assertEquals(200, elsewhere.get("/settings").status(), "another session, logged in");

    browser.open("/settings").await("#password-form", PATIENCE);
    // The browser insists on two long enough new passwords; the server checks the rest.
    changePassword(browser, "not my password", NEW_PASSWORD, NEW_PASSWORD);
    browser.await("#password-error", PATIENCE);
    assertTrue(browser.text("#password-error").contains("not your current password"));
    changePassword(browser, PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!");
    browser.await("#password-error", PATIENCE);
    assertTrue(browser.text("#password-error").contains("differ"));
    changePassword(browser, PASSWORD, PASSWORD, PASSWORD);
    browser.await("#password-error", PATIENCE);
    assertTrue(browser.text("#password-error").contains("same as the current"));
    assertEquals(200, elsewhere.get("/settings").status(), "nothing changed yet");

    String sessionBefore = browser.cookie(SESSION);
    changePassword(browser, PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
    browser.await(".flash", PATIENCE);
    assertTrue(browser.text(".flash").contains("Password changed"), browser.text(".flash"));
    browser.screenshot("account-password-changed");
    assertEquals(name, browser.text(".site-nav .user"), "this session stays logged in");
    assertNotEquals(sessionBefore, browser.cookie(SESSION), "under a new session id");
    browser.open("/settings").await("#password-form", PATIENCE);

    Http.Answer ended = elsewhere.get("/settings");
    assertEquals(303, ended.status(), "the other session is logged out: " + ended.body());
    assertTrue(ended.header("Location").contains("/login"), ended.header("Location"));
    Http.Answer api = elsewhere.get("/api/notifications/search/v1");
    assertEquals(401, api.status(), api.body());
    assertTrue(api.object().containsKey("message"), api.body());

    Http.Visitor old = new Http.Visitor(root());
    assertEquals(401, old.post("/login", "username", name, "password", PASSWORD).status());
    assertEquals(303, loggedInAnswer(name, NEW_PASSWORD).status(), "the new one logs in");
  }

  /**
   * Traders registering at the same time each get their own pages every time: with the pages
   * constrained to the identity store's group, Payara lost the group now and then under concurrent
   * logins and refused about 2 % of these loads with a 403.
   */
  @Test
  void tradersLoggingInAtOnceAlwaysGetTheirOwnPages() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> traders = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        traders.add(
            pool.submit(
                () -> {
                  String name = uniqueName("crowd");
                  Http.Visitor trader = loggedInNew(name);
                  List<String> refused = new ArrayList<>();
                  for (String page : List.of("/watches", "/settings", "/notifications")) {
                    for (int load = 0; load < 2; load++) {
                      Http.Answer answer = trader.get(page);
                      if (answer.status() != 200 || !answer.body().contains(">" + name + "<")) {
                        refused.add(name + " " + page + ": " + answer.status());
                      }
                    }
                  }
                  return refused;
                }));
      }
      List<String> refused = new ArrayList<>();
      for (Future<List<String>> trader : traders) {
        refused.addAll(trader.get(5, TimeUnit.MINUTES));
      }
      assertEquals(List.of(), refused, "every load of a trader's own page");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(303, new Http.Visitor(root()).get("/watches").status(), "nobody: to log in");
  }

  @Test
  void accountFormsNeedTheSessionsFormToken() {
    String name = uniqueName("guarded");
    Http.Visitor user = loggedInNew(name);
    assertEquals(200, user.get("/settings").status());
    String cookie = user.cookie(SESSION);
    for (String form :
        List.of(
            "action=password&current="
                + enc(PASSWORD)
                + "&password="
                + enc(NEW_PASSWORD)
                + "&repeat="
                + enc(NEW_PASSWORD),
            "action=delete&current=" + enc(PASSWORD))) {
      HttpResponse<String> forged = postWithoutFormToken(cookie, form);
      assertEquals(403, forged.statusCode(), form + ": " + forged.body());
    }
    assertEquals(200, user.get("/settings").status(), "still logged in, nothing deleted");
    assertEquals(303, loggedInAnswer(name, PASSWORD).status(), "the password is unchanged");
  }

  @Test
  void deletingTheAccountTakesTheTokenAndTheProxysCopyAndLogsOut() {
    String token = newToken();
    add(token, 3, 11, 0, "cares", null);
    Browser browser = browser();
    String name = signUp(browser, "leaver");
    saveToken(browser, token);
    browser.open("/notifications").await("tr.notification", PATIENCE);
    Http.Visitor elsewhere = loggedIn(name, PASSWORD);
    // Within the polling window the proxy answers this token from its copy.
    Http.Answer held = Http.get(root() + "/api/notifications/search/v1?token=" + token);
    assertEquals(200, held.status(), held.body());
    assertEquals("store", held.header("X-Tradewatch-Source"));

    browser.open("/settings").await("#delete-account-form", PATIENCE);
    browser.screenshot("account-settings");
    browser.type("#delete-password", "not my password").click("#delete-account");
    browser.await("#delete-error", PATIENCE);
    assertTrue(browser.text("#delete-error").contains("not your current password"));
    assertTrue(browser.has("#token-hint"), "nothing was deleted");

    browser.type("#delete-password", PASSWORD).click("#delete-account");
    browser.await(".flash", PATIENCE);
    assertTrue(browser.text(".flash").contains("account is deleted"), browser.text(".flash"));
    assertEquals("/", browser.path());
    assertFalse(browser.has(".site-nav .user"), "logged out");
    browser.screenshot("account-deleted");

    assertEquals(401, loggedInAnswer(name, PASSWORD).status(), "the account is gone");
    assertEquals(303, elsewhere.get("/settings").status(), "its other sessions are logged out");
    // The copy is forgotten: the same query now has to go upstream (a page the copy lacks).
    Http.Answer reloaded =
        Eventually.await(
            "the token's next search to be answered",
            PATIENCE,
            () -> {
              Http.Answer answer = Http.get(root() + "/api/notifications/search/v1?token=" + token);
              return answer.status() == 200 ? answer : null;
            });
    assertEquals("upstream", reloaded.header("X-Tradewatch-Source"), "not from a kept copy");

    // The name is free again, and the new account starts with no token.
    Http.Visitor again = loggedInNew(name);
    Http.Answer settings = again.get("/settings");
    assertTrue(settings.body().contains("No token saved"), settings.body());
  }

  @Test
  void settingsShowWhenTheStoredTokenLastWorkedRecordedAtMostOnceAMinute() {
    String token = newToken();
    add(token, 2, 11, 0, "cares", null);
    Browser browser = browser();
    signUp(browser, "tokener");
    browser.open("/settings").await("#token-form", PATIENCE);
    assertFalse(browser.has("#token-used"), "no token, no use");

    saveToken(browser, token);
    Instant checked = usedAt(browser);
    assertTrue(browser.text("#token-used").contains("Last used successfully"));
    assertTrue(
        Duration.between(checked, Instant.now()).abs().toMinutes() < 5,
        "the check before saving is its first use: " + checked);

    // The notifications page loads the archive from backpack.tf with the stored token.
    browser.open("/notifications").await("tr.notification", PATIENCE);
    Instant used =
        Eventually.await("the use to be recorded", PATIENCE, () -> later(browser, checked));
    browser.screenshot("account-token-last-used");

    // Within the minute another successful call is not written again.
    browser.open("/notifications").await("#mark-read", PATIENCE);
    browser.click("#mark-read").await(".flash", PATIENCE);
    assertTrue(browser.text(".flash").contains("marked read"), browser.text(".flash"));
    assertEquals(used, usedAt(browser.open("/settings")));

    // Removing the token removes its use with it.
    // The old page has a #token-state too: wait for the one the removal leads to.
    browser.click("#remove-token-form button");
    Eventually.awaitTrue(
        "the settings page without a token",
        PATIENCE,
        () -> browser.text("#token-state").startsWith("No token saved"));
    assertFalse(browser.has("#token-used"));
  }

  @Test
  void watchedListingsShowItemPriceAndIntentAndLinkWhereTheListingIs() {
    JsonObject stored = storedBptfListing();
    String storedId = stored.getString("id");
    String missing = "440_76561198000000001_" + HexFormat.of().formatHex(randomBytes(16));
    String token = newToken();
    add(token, 5, 7, 0, null, null);
    add(token, 1, 11, 0, "seller", missing);
    add(token, 1, 11, 0, "<b>lister</b>", storedId);
    Browser browser = browser();
    signUp(browser, "watcher");
    saveToken(browser, token);

    browser.open("/notifications?folder=0&filter=4").await("tr.notification", PATIENCE);
    browser.screenshot("notifications-watched-listings");
    List<WebElement> rows = browser.all("tr.notification");
    assertEquals(2, rows.size());
    assertEquals(
        "2 match “Subscriptions”, of 7 in this folder",
        browser.text("#count-text"),
        "the count is the filter's, not the folder's");
    for (WebElement row : rows) {
      WebElement listing = row.findElement(By.cssSelector(".watched-listing"));
      assertFalse(listing.findElement(By.cssSelector(".item-name")).getText().isBlank());
      String price = listing.findElement(By.cssSelector(".price")).getText();
      assertTrue(price.matches("\\d+ keys?(, .*)?"), price);
      // A sell listing's id names its asset; a buy order's its buyer and a hash.
      String expected =
          row.findElements(By.cssSelector(".listing-upstream")).isEmpty()
              ? (storedId.matches("\\d+_\\d+") ? "sell" : "buy")
              : "buy";
      WebElement intent = listing.findElement(By.cssSelector(".intent"));
      assertTrue(intent.getDomAttribute("class").contains("intent-" + expected), listing.getText());
      assertEquals(expected, intent.getText().toLowerCase(Locale.ROOT));
    }

    // Not stored here: the listing on backpack.tf, built from its id.
    assertEquals(
        "https://backpack.tf/classifieds?listing=" + missing,
        browser.find(".listing-upstream").getDomAttribute("href"));
    // Stored here: its page, which exists.
    String href = browser.find("a.listing-link:not(.listing-upstream)").getDomAttribute("href");
    assertTrue(href.endsWith("/listings/bptf/" + storedId), href);
    browser.open(href.substring(href.indexOf("/listings/"))).await("#history-table", PATIENCE);
    assertTrue(browser.source().contains(storedId), "the listing's own page");
  }

  @Test
  void theExampleInboxIsDatedRecentlyNotYearsAgo() {
    Browser browser = browser();
    signUp(browser, "example");
    saveToken(browser, EXAMPLE_TOKEN);
    browser.open("/notifications?folder=0&filter=4").await("tr.notification", PATIENCE);
    browser.screenshot("notifications-recent-dates");
    List<String> shown =
        browser.all("tr.notification time").stream()
            .map(WebElement::getText)
            .collect(Collectors.toList());
    assertEquals(4, shown.size(), "the documented example's four");
    assertEquals("4 match “Subscriptions”, of 16 in this folder", browser.text("#count-text"));
    for (WebElement time : browser.all("tr.notification time")) {
      Instant sent = Instant.parse(time.getDomAttribute("datetime"));
      assertTrue(
          sent.isAfter(Instant.now().minus(Duration.ofDays(30))),
          "sent " + sent + ", shown as " + time.getText());
      assertFalse(time.getText().contains("year"), time.getText());
    }
    assertTrue(
        browser
            .text("tr.notification .item-name")
            .contains("Non-Craftable Unlocked Winter 2016 Cosmetic Case"));
    assertEquals("3 keys", browser.text("tr.notification .price"));
  }

  // --- helpers -------------------------------------------------------------------------------

  private static String signUp(Browser browser, String prefix) {
    String name = uniqueName(prefix);
    browser.open("/register").await("#register-form", PATIENCE);
    browser.type("#username", name).type("#password", PASSWORD).type("#repeat", PASSWORD);
    browser.click("#register-form button[type=submit]").await(".site-nav .user", PATIENCE);
    assertEquals(name, browser.text(".site-nav .user"));
    return name;
  }

  private static void saveToken(Browser browser, String token) {
    browser.open("/settings").await("#token-form", PATIENCE);
    browser.type("#token", token).click("#token-form button[type=submit]");
    browser.await("#token-hint", PATIENCE);
  }

  private static void changePassword(
      Browser browser, String current, String replacement, String repeated) {
    browser.open("/settings").await("#password-form", PATIENCE);
    browser
        .type("#current-password", current)
        .type("#new-password", replacement)
        .type("#repeat-password", repeated)
        .click("#change-password");
  }

  /** When Settings says the token last worked. */
  private static Instant usedAt(Browser browser) {
    return Instant.parse(browser.await("#token-used-at", PATIENCE).getDomAttribute("datetime"));
  }

  /** The recorded use, once it is later than {@code than}; null until then. */
  private static Instant later(Browser browser, Instant than) {
    Instant used = usedAt(browser.open("/settings"));
    return used.isAfter(than) ? used : null;
  }

  /** A visitor logged in to a new account named {@code name}. */
  private Http.Visitor loggedInNew(String name) {
    Http.Visitor visitor = new Http.Visitor(root());
    Http.Answer answer =
        visitor.post("/register", "username", name, "password", PASSWORD, "repeat", PASSWORD);
    assertEquals(303, answer.status(), answer.body());
    return visitor;
  }

  private Http.Visitor loggedIn(String name, String password) {
    Http.Visitor visitor = new Http.Visitor(root());
    Http.Answer answer = visitor.post("/login", "username", name, "password", password);
    assertEquals(303, answer.status(), answer.body());
    return visitor;
  }

  private Http.Answer loggedInAnswer(String name, String password) {
    return new Http.Visitor(root()).post("/login", "username", name, "password", password);
  }

  /** A backpack.tf listing Tradewatch stores, once the stream has brought one. */
  private JsonObject storedBptfListing() {
    return Eventually.await(
        "a bptf listing to be stored",
        PATIENCE,
        () ->
            Http.get(root() + "/api/listings?source=bptf&limit=1")
                .object()
                .getJsonArray("items")
                .stream()
                .map(JsonValue::asJsonObject)
                .findFirst()
                .orElse(null));
  }

  /** Adds notifications to the simulator's inbox of {@code token}; answers their ids. */
  private static List<String> add(
      String token, int count, int type, int folder, String name, String listing) {
    StringBuilder url =
        new StringBuilder(control)
            .append("/add?token=")
            .append(token)
            .append("&count=")
            .append(count)
            .append("&type=")
            .append(type)
            .append("&unread=true&folder=")
            .append(folder);
    if (name != null) {
      url.append("&name=").append(enc(name));
    }
    if (listing != null) {
      url.append("&listing=").append(enc(listing));
    }
    Http.Answer answer = Http.post(url.toString());
    assertEquals(200, answer.status(), answer.body());
    return answer.object().getJsonArray("ids").getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .collect(Collectors.toList());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String uniqueName(String prefix) {
    return prefix + "_" + Integer.toHexString(RANDOM.nextInt(1 << 24));
  }

  private static String newToken() {
    return HexFormat.of().formatHex(randomBytes(12));
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** Posts {@code form} with the session's cookie and no form token, as another site would. */
  private HttpResponse<String> postWithoutFormToken(String cookie, String form) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(root() + "/settings"))
            .timeout(Duration.ofSeconds(60))
            .header("Cookie", SESSION + "=" + cookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
