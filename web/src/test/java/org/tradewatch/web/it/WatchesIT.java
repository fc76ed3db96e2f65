package org.tradewatch.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.net.URL;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.ElementClickInterceptedException;

/**
 * Watches and alerts on the real WAR fed by the simulator (backpack.tf at 200 events a second),
 * black-box through REST (issue #11): a trader's watch of words the stream's item names hold is
 * alerted of matching listings within seconds; another trader can neither see, change nor delete
 * the watch or its alerts, nor is alerted by it; a bad watch is refused naming the field; writes
 * need a login and the page's CSRF token; an account keeps at most 100 watches. In headless
 * Chromium, the Watches page makes, pauses and deletes a watch, and the Notifications page's
 * "Tradewatch alerts" folder shows its alerts with unread marks, marks them read and deletes one;
 * the open page shows each new alert as it is stored, through the user's own live socket, which
 * every open page of that user, and no other user, gets. Screenshots go to {@code
 * target/screenshots/}.
 *
 * <p>Each test registers its own accounts, so that any one can run alone.
 */
@ExtendWith(ArquillianExtension.class)
class WatchesIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String PASSWORD = "correct horse battery";
  private static final SecureRandom RANDOM = new SecureRandom();

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive tradewatch() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("tradewatch.war")));
  }

  @BeforeAll
  static void awaitTheSimulator() {
    new Simulator().awaitUp();
  }

  @Test
  void aWatchIsAlertedOfMatchingListingsAndNobodyElseSeesOrChangesIt() {
    Http.Visitor alice = registered("alice");
    Http.Visitor bob = registered("bob");
    String word = commonWord();

    Http.Answer created =
        alice.api(
            "POST", "/api/watches", "{\"name\": \"" + word + "\", \"source\": \"bptf\"}", true);
    assertEquals(201, created.status(), created.body());
    JsonObject watch = created.object();
    String id = watch.getString("id");
    assertTrue(
        created.header("Location").endsWith("/api/watches/" + id), created.header("Location"));
    assertEquals(word, watch.getString("name"));
    assertEquals("bptf", watch.getString("source"));
    assertEquals(JsonValue.NULL, watch.get("itemKey"));
    assertEquals("ref", watch.getString("valueUnit"));
    assertFalse(watch.getBoolean("paused"));
    // Bob watches for something the stream never names: he must hear of nothing.
    Http.Answer bobs = bob.api("POST", "/api/watches", "{\"name\": \"zqxjv nonexistent\"}", true);
    assertEquals(201, bobs.status(), bobs.body());

    JsonObject alert =
        Eventually.await(
            "an alert of a listing whose name holds '" + word + "'",
            PATIENCE,
            () -> {
              JsonObject page = alice.api("GET", "/api/alerts", null, false).object();
              return page.getJsonArray("alerts").isEmpty()
                  ? null
                  : page.getJsonArray("alerts").getJsonObject(0);
            });
    assertEquals(id, alert.getString("watchId"));
    assertEquals("bptf", alert.getString("source"));
    assertTrue(
        alert
            .getString("itemName")
            .toLowerCase(Locale.ROOT)
            .contains(word.toLowerCase(Locale.ROOT)),
        alert.toString());
    assertEquals("matched", alert.getString("reason"));
    assertEquals("ref", alert.getString("valueUnit"));
    assertFalse(alert.getBoolean("read"));
    Http.Answer listing = Http.get(root() + "/api/listings/bptf/" + alert.getString("listingId"));
    assertEquals(200, listing.status(), "the alert's listing is stored: " + listing.body());

    JsonObject alerts = alice.api("GET", "/api/alerts", null, false).object();
    assertTrue(alerts.getInt("total") >= 1);
    assertEquals(alerts.getInt("total"), alerts.getInt("unread"));
    assertNewestFirst(alerts);
    JsonObject listed = alice.api("GET", "/api/watches", null, false).object();
    assertEquals(1, listed.getInt("count"));
    assertEquals(100, listed.getInt("limit"));
    assertTrue(
        listed.getJsonArray("watches").getJsonObject(0).getInt("matches24h") >= 1,
        listed.toString());

    // Bob can neither see nor touch Alice's watch or alert: each is answered as none at all.
    String alertId = alert.getString("id");
    for (String[] call :
        new String[][] {
          {"GET", "/api/watches/" + id, null},
          {"PATCH", "/api/watches/" + id, "{\"paused\": true}"},
          {"PUT", "/api/watches/" + id, "{\"name\": \"hijacked\"}"},
          {"DELETE", "/api/watches/" + id, null},
          {"GET", "/api/alerts/" + alertId, null},
          {"PATCH", "/api/alerts/" + alertId, "{\"read\": true}"},
          {"DELETE", "/api/alerts/" + alertId, null}
        }) {
      Http.Answer answer = bob.api(call[0], call[1], call[2], true);
      assertEquals(404, answer.status(), call[0] + " " + call[1] + ": " + answer.body());
      assertTrue(answer.object().containsKey("message"), answer.body());
    }
    Http.Answer bulk = bob.api("DELETE", "/api/alerts?ids=" + alertId, null, true);
    assertEquals(0, bulk.object().getInt("modified"), bulk.body());
    Http.Answer bulkRead =
        bob.api("PATCH", "/api/alerts", "{\"read\": true, \"ids\": [\"" + alertId + "\"]}", true);
    assertEquals(0, bulkRead.object().getInt("modified"), bulkRead.body());
    JsonObject bobsWatches = bob.api("GET", "/api/watches", null, false).object();
    assertEquals(1, bobsWatches.getInt("count"), "his own only: " + bobsWatches);
    assertEquals(0, bob.api("GET", "/api/alerts", null, false).object().getInt("total"));

    JsonObject still = alice.api("GET", "/api/watches/" + id, null, false).object();
    assertEquals(word, still.getString("name"), "unchanged by Bob");
    assertFalse(still.getBoolean("paused"));
    JsonObject unread = alice.api("GET", "/api/alerts/" + alertId, null, false).object();
    assertFalse(unread.getBoolean("read"), "unchanged by Bob");

    // Alice marks it read, pauses the watch, and deletes the alert and the watch.
    Http.Answer read = alice.api("PATCH", "/api/alerts/" + alertId, "{\"read\": true}", true);
    assertEquals(200, read.status(), read.body());
    assertTrue(read.object().getBoolean("read"));
    JsonObject unreadOnly = alice.api("GET", "/api/alerts?unread=true", null, false).object();
    assertTrue(
        unreadOnly.getJsonArray("alerts").stream()
            .noneMatch(a -> a.asJsonObject().getString("id").equals(alertId)),
        unreadOnly.toString());
    Http.Answer paused = alice.api("PATCH", "/api/watches/" + id, "{\"paused\": true}", true);
    assertEquals(200, paused.status(), paused.body());
    assertTrue(paused.object().getBoolean("paused"));
    assertEquals(word, paused.object().getString("name"), "the rest stays");
    assertEquals(204, alice.api("DELETE", "/api/alerts/" + alertId, null, true).status());
    assertEquals(404, alice.api("GET", "/api/alerts/" + alertId, null, false).status());
    assertEquals(204, alice.api("DELETE", "/api/watches/" + id, null, true).status());
    assertEquals(404, alice.api("GET", "/api/watches/" + id, null, false).status());
  }

  @Test
  void everyOpenSocketOfTheUserGetsTheirAlertsLiveAndNoOneElses() {
    Http.Visitor alice = registered("live");
    Http.Visitor bob = registered("peer");
    String word = commonWord();
    String socket = root().replaceFirst("^http", "ws") + "/api/alerts/live";

    assertThrows(
        RuntimeException.class, () -> LiveClient.connect(socket), "no login: refused (401)");
    assertThrows(
        RuntimeException.class,
        () -> LiveClient.connect(socket, session(alice, "http://evil.example")),
        "another site's page: refused (403)");

    try (LiveClient page = LiveClient.connect(socket, session(alice, root()));
        LiveClient otherPage = LiveClient.connect(socket, session(alice, null));
        LiveClient bobs = LiveClient.connect(socket, session(bob, root()))) {
      for (LiveClient client : List.of(page, otherPage, bobs)) {
        JsonObject ready = Eventually.await("ready", PATIENCE, () -> first(client, "ready"));
        assertEquals(0, ready.getJsonObject("data").getInt("unread"));
      }
      Http.Answer created =
          alice.api(
              "POST", "/api/watches", "{\"name\": \"" + word + "\", \"source\": \"bptf\"}", true);
      String id = created.object().getString("id");

      JsonObject live =
          Eventually.await("an alert on the socket", PATIENCE, () -> first(page, "alert"));
      JsonObject alert = live.getJsonObject("data");
      assertEquals(id, alert.getString("watchId"));
      assertTrue(live.getJsonNumber("ts").longValue() > 0);
      Eventually.await(
          "the alert on the user's other page", PATIENCE, () -> first(otherPage, "alert"));
      JsonObject stored =
          alice.api("GET", "/api/alerts/" + alert.getString("id"), null, false).object();
      assertEquals(alert, stored, "the socket sends the alert as the API has it");
      assertEquals(
          List.of("ready"),
          bobs.messages.stream().map(m -> m.getString("event")).toList(),
          "Bob hears nothing of Alice's watch");
      assertFalse(page.closed.isDone(), "the socket stays open: " + page.messages.size());
    }
  }

  private static Map<String, String> session(Http.Visitor visitor, String origin) {
    String cookie = "TRADEWATCH_SESSION=" + visitor.cookie("TRADEWATCH_SESSION");
    return origin == null ? Map.of("Cookie", cookie) : Map.of("Cookie", cookie, "Origin", origin);
  }

  private static JsonObject first(LiveClient client, String event) {
    return client.messages.stream()
        .filter(message -> event.equals(message.getString("event")))
        .findFirst()
        .orElse(null);
  }

  @Test
  void aBadWatchIsRefusedNamingTheField() {
    Http.Visitor carol = registered("carol");
    Map<String, String> bad =
        Map.of(
            "{\"name\": \"team captain\", \"source\": \"bptf\", \"atMost\": -1}", "atMost:",
            "{\"itemKey\": \"not-a-key\"}", "itemKey:",
            "{\"name\": \"hat\", \"intent\": \"hold\"}", "intent:",
            "{\"name\": \"hat\", \"atLeast\": 5}", "atLeast:",
            "{\"name\": \"hat\", \"colour\": \"red\"}", "colour:",
            "{\"source\": \"bptf\"}", "itemKey:",
            "{\"name\": \"hat\"", "body:");
    bad.forEach(
        (body, field) -> {
          Http.Answer answer = carol.api("POST", "/api/watches", body, true);
          assertEquals(400, answer.status(), body + ": " + answer.body());
          assertTrue(
              answer.object().getString("message").startsWith(field), body + ": " + answer.body());
        });
    Http.Answer both =
        carol.api(
            "POST", "/api/watches", "{\"name\": \"hat\", \"source\": \"x\", \"paused\": 1}", true);
    assertEquals(
        "source: unknown source 'x': expected bptf or skinshark; paused: expected true or false,"
            + " was a number",
        both.object().getString("message"),
        "every bad field at once");
    assertEquals(0, carol.api("GET", "/api/watches", null, false).object().getInt("count"));

    Http.Answer good = carol.api("POST", "/api/watches", "{\"name\": \"hat\"}", true);
    String id = good.object().getString("id");
    Http.Answer badPatch =
        carol.api(
            "PATCH", "/api/watches/" + id, "{\"dealsOnly\": true, \"intent\": \"buy\"}", true);
    assertEquals(400, badPatch.status(), badPatch.body());
    assertTrue(badPatch.object().getString("message").startsWith("dealsOnly:"), badPatch.body());
    Http.Answer badRead = carol.api("PATCH", "/api/alerts", "{\"read\": \"yes\"}", true);
    assertEquals(400, badRead.status(), badRead.body());
    assertTrue(badRead.object().getString("message").startsWith("read:"), badRead.body());
    Http.Answer badLimit = carol.api("GET", "/api/alerts?limit=0", null, false);
    assertEquals(400, badLimit.status(), badLimit.body());
    assertTrue(badLimit.object().getString("message").startsWith("limit:"), badLimit.body());
  }

  @Test
  void writesNeedALoginAndThePagesToken() {
    Http.Visitor anonymous = new Http.Visitor(root());
    Http.Answer list = anonymous.api("GET", "/api/watches", null, false);
    assertEquals(401, list.status(), list.body());
    assertTrue(list.object().getString("message").contains("log in"), list.body());
    assertEquals(401, anonymous.api("GET", "/api/alerts", null, false).status());
    assertEquals(401, anonymous.api("POST", "/api/watches", "{\"name\": \"hat\"}", false).status());

    Http.Visitor dave = registered("dave");
    for (String path : List.of("/api/watches", "/api/watches?token=5904cbeb0e2cad7f621c0a85")) {
      Http.Answer forged = dave.api("POST", path, "{\"name\": \"hat\"}", false);
      assertEquals(403, forged.status(), path + ": " + forged.body());
      assertTrue(forged.object().containsKey("message"), forged.body());
    }
    assertEquals(403, dave.api("DELETE", "/api/alerts?all=true", null, false).status());
    assertEquals(0, dave.api("GET", "/api/watches", null, false).object().getInt("count"));
    Http.Answer text =
        dave.apiAs("POST", "/api/watches", "name=hat", "application/x-www-form-urlencoded");
    assertEquals(415, text.status(), text.body());
  }

  @Test
  void anAccountKeepsAtMostAHundredWatches() {
    Http.Visitor erin = registered("erin");
    for (int i = 0; i < 100; i++) {
      Http.Answer answer = erin.api("POST", "/api/watches", "{\"name\": \"hat " + i + "\"}", true);
      assertEquals(201, answer.status(), answer.body());
    }
    Http.Answer over = erin.api("POST", "/api/watches", "{\"name\": \"one more\"}", true);
    assertEquals(409, over.status(), over.body());
    assertTrue(over.object().getString("message").contains("100"), over.body());
    assertEquals(100, erin.api("GET", "/api/watches", null, false).object().getInt("count"));
    assertEquals(
        201,
        registered("frank").api("POST", "/api/watches", "{\"name\": \"hat\"}", true).status(),
        "the limit is each account's");
  }

  @Test
  void aTraderKeepsWatchesOnTheirPageAndReadsTheAlertsFolderInChromium() {
    String word = commonWord();
    try (Browser browser = new Browser(root())) {
      String name = signUp(browser, "paged");
      browser.open("/watches").await("#watch-form", PATIENCE);
      assertTrue(browser.has("#no-watches"));

      // A price without a source is refused, naming the field, and the form keeps what was typed.
      browser.type("#watch-name", word);
      browser.script("document.getElementById('watch-bound').value = 'atMost';");
      browser.type("#watch-price", "5").click("#watch-create");
      browser.await("#watch-error", PATIENCE);
      assertTrue(browser.text("#watch-error").startsWith("atMost:"), browser.text("#watch-error"));
      assertEquals(word, browser.find("#watch-name").getDomProperty("value"));

      browser.script("document.getElementById('watch-bound').value = '';");
      browser.script("document.getElementById('watch-source').value = 'bptf';");
      browser.type("#watch-price", "").click("#watch-create");
      browser.await("tr.watch", PATIENCE);
      assertTrue(browser.text("tr.watch .watch-what").contains(word), browser.text("tr.watch"));
      assertEquals("Active", browser.text("tr.watch .watch-state"));
      String id = browser.find("tr.watch").getDomAttribute("data-id");
      assertTrue(browser.find("#alerts-in-browser").isDisplayed(), "the opt-ins, with scripts on");

      // The page itself hears of the watch's alerts as they are stored: a notice and a count.
      browser.await(".alert-toast", PATIENCE);
      assertTrue(
          browser.text(".alert-toast").toLowerCase(Locale.ROOT).contains(word),
          browser.text(".alert-toast"));
      assertTrue(
          browser.find(".alert-toast-link").getDomAttribute("href").contains("/listings/bptf/"),
          browser.find(".alert-toast-link").getDomAttribute("href"));
      Eventually.awaitTrue(
          "the unread count beside Notifications",
          PATIENCE,
          () ->
              browser.find("#nav-alerts").isDisplayed()
                  && Integer.parseInt(browser.text("#nav-alerts")) >= 1);
      browser.screenshot("watches-live-alert");
      // Closed, the notice stays quiet on this page and no longer covers it.
      browser.click(".alert-toast-close");
      assertFalse(browser.find(".alert-toast").isDisplayed());

      clickPastNotice(browser, "tr.watch .watch-toggle");
      Eventually.awaitTrue(
          "the watch to show paused",
          PATIENCE,
          () ->
              browser.has("tr.watch.paused")
                  && "Paused".equals(browser.text("tr.watch .watch-state")));
      clickPastNotice(browser, "tr.watch .watch-toggle");
      Eventually.awaitTrue(
          "the watch to show active again",
          PATIENCE,
          () ->
              !browser.has("tr.watch.paused")
                  && "Active".equals(browser.text("tr.watch .watch-state")));
      browser.screenshot("watches-page");

      // Its alerts arrive in the Tradewatch alerts folder, unread, linking to the listing here.
      Eventually.awaitTrue(
          "alerts in the Tradewatch alerts folder",
          PATIENCE,
          () -> browser.open("/notifications?folder=alerts").all("tr.alert").size() >= 2);
      assertTrue(browser.find("#tab-alerts").getDomAttribute("class").contains("current"));
      assertTrue(Integer.parseInt(browser.text("#count-alerts")) >= 2, browser.text("#tab-alerts"));
      assertTrue(browser.has("tr.alert .unread-mark"));
      assertTrue(
          browser.text("tr.alert .item-name").toLowerCase(Locale.ROOT).contains(word),
          browser.text("tr.alert"));
      assertTrue(
          browser
              .find("tr.alert .listing-link")
              .getDomAttribute("href")
              .contains("/listings/bptf/"),
          browser.find("tr.alert .listing-link").getDomAttribute("href"));
      // The user saved no backpack.tf token: Tradewatch's own alerts need none.
      browser.screenshot("watches-alerts-folder");

      // Paused, it raises no more; then every alert is marked read, and a selected one deleted.
      browser.open("/watches").await("tr.watch", PATIENCE);
      clickPastNotice(browser, "tr.watch .watch-toggle");
      Eventually.awaitTrue("the watch to pause", PATIENCE, () -> browser.has("tr.watch.paused"));
      Eventually.awaitTrue(
          "every alert to be read",
          PATIENCE,
          () -> {
            browser.open("/notifications?folder=alerts").await("#alerts-read-form", PATIENCE);
            if (browser.has("tr.alert .unread-mark")) {
              browser.click("#alerts-mark-read");
              return false;
            }
            return !browser.has("#count-alerts");
          });
      List<String> before =
          browser.all("tr.alert").stream().map(row -> row.getDomAttribute("data-id")).toList();
      browser.click("tr.alert input[name=ids]").click("#alerts-delete-selected");
      Eventually.awaitTrue(
          "the selected alert to be deleted",
          PATIENCE,
          () ->
              browser.has(".flash")
                  && browser.text(".flash").contains("1 alert deleted")
                  && browser.all("tr.alert").stream()
                      .noneMatch(row -> before.get(0).equals(row.getDomAttribute("data-id"))));

      // Another trader sees none of it, and cannot delete the watch through the page.
      Http.Visitor other = registered("nosy");
      Http.Answer theirs = other.get("/watches");
      assertFalse(theirs.body().contains(id), "another's watch is not on the page");
      Http.Answer theirAlerts = other.get("/notifications?folder=alerts");
      assertTrue(theirAlerts.body().contains("id=\"empty-state\""), theirAlerts.body());
      assertEquals(404, other.post("/watches/" + id + "/delete").status());
      assertEquals(404, other.post("/watches/" + id + "/pause").status());
      browser.open("/watches").await("tr.watch", PATIENCE);
      assertEquals(id, browser.find("tr.watch").getDomAttribute("data-id"), "still there");
      assertTrue(browser.has("tr.watch.paused"), "and unchanged");

      // At phone width neither page is wider than the screen.
      browser.phone(390, 844);
      for (String path : List.of("/watches", "/notifications?folder=alerts")) {
        browser.open(path).await("main", PATIENCE);
        long width =
            ((Number) browser.script("return document.documentElement.scrollWidth;")).longValue();
        assertTrue(width <= 390, path + " is " + width + " px wide at 390");
        browser.screenshot("watches-phone" + path.replaceAll("[^a-z]+", "-"));
      }

      browser.open("/watches").await("tr.watch", PATIENCE);
      clickPastNotice(browser, "tr.watch .watch-delete");
      browser.await("#no-watches", PATIENCE);
      assertEquals(
          List.of(),
          browser.console().stream()
              .filter(
                  line -> line.contains("Content Security Policy") || line.contains("Refused to"))
              .toList(),
          "CSP violations in the browser console of " + name);
    }
  }

  /**
   * Clicks {@code css} as a trader would with an alert notice about: the watch is still active
   * while the page loads, so a new alert's notice in the bottom-right corner can cover the button.
   * The button is scrolled to the middle of the window, and a notice in the way is closed.
   */
  private static void clickPastNotice(Browser browser, String css) {
    browser.script("arguments[0].scrollIntoView({block: 'center'});", browser.find(css));
    for (int attempt = 0; ; attempt++) {
      try {
        browser.click(css);
        return;
      } catch (ElementClickInterceptedException e) {
        if (attempt >= 3 || !browser.find(".alert-toast").isDisplayed()) {
          throw e;
        }
        browser.click(".alert-toast-close");
      }
    }
  }

  private static String signUp(Browser browser, String prefix) {
    String name = prefix + "_" + Integer.toHexString(RANDOM.nextInt(1 << 24));
    browser.open("/register").await("#register-form", PATIENCE);
    browser.type("#username", name).type("#password", PASSWORD).type("#repeat", PASSWORD);
    browser.click("#register-form button[type=submit]").await(".site-nav .user", PATIENCE);
    return name;
  }

  private static void assertNewestFirst(JsonObject alerts) {
    List<String> times =
        alerts.getJsonArray("alerts").stream()
            .map(alert -> alert.asJsonObject().getString("at"))
            .toList();
    for (int i = 1; i < times.size(); i++) {
      assertTrue(
          java.time.Instant.parse(times.get(i - 1)).compareTo(java.time.Instant.parse(times.get(i)))
              >= 0,
          "newest first: " + times);
    }
  }

  private Http.Visitor registered(String prefix) {
    String name = prefix + "_" + Integer.toHexString(RANDOM.nextInt(1 << 24));
    Http.Visitor visitor = new Http.Visitor(root());
    Http.Answer answer =
        visitor.post("/register", "username", name, "password", PASSWORD, "repeat", PASSWORD);
    assertEquals(303, answer.status(), answer.body());
    assertEquals(200, visitor.get("/").status(), "a page, for the session's CSRF token");
    return visitor;
  }

  private String root() {
    return "http://127.0.0.1:" + base.getPort() + base.getPath().replaceAll("/$", "");
  }

  private String commonWord() {
    return CommonWord.await(root() + "/api/listings?source=bptf&limit=500", PATIENCE);
  }
}
