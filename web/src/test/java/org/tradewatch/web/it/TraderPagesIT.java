package org.tradewatch.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages as a trader works in them all day, in headless Chromium against the real WAR fed by the
 * simulator (backpack.tf at 200 events a second): a live table that holds still, links out, item
 * icons, numbers as traders write them, phone-width pages and a warm first visit (issue #12). Each
 * test saves screenshots under {@code target/screenshots/} for people to look at; the assertions,
 * not the pictures, are the checks.
 *
 * <p>Each test makes its own accounts. The first test is ordered first because it measures the
 * deployment's first registration.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TraderPagesIT extends BrowserIT {

  private static final String PASSWORD = "correct horse battery";

  /** Narrower than the default, so that the policy is seen to follow the configuration. */
  private static final String IMAGE_HOSTS = "steamcdn-a.akamaihd.net,cdn.skinshark.gg";

  private static String notificationsControl;

  /** A price in refined metal as traders write it: keys and ref, ref alone, or none. */
  private static final Pattern TRADERS_PRICE =
      Pattern.compile(
          "[0-9,]+ keys?(, [0-9,]+(\\.[0-9]{1,2})? ref)?|[0-9,]+(\\.[0-9]{1,2})? ref|—");

  @Deployment(testable = false)
  static WebArchive tradewatch() {
    return war(
        "trader-pages-it",
        "tradewatch.notifications.poll-interval-seconds=2",
        "tradewatch.notifications.refresh-spread-seconds=0",
        "tradewatch.pages.image-hosts=" + IMAGE_HOSTS);
  }

  @BeforeAll
  static void awaitTheSimulator() {
    new Simulator().awaitUp();
    notificationsControl = simulator("/control/notifications");
  }

  // ---- 9. first use ----

  @Test
  @Order(1)
  void theFirstRegistrationDoesNotWaitForAColdStart() {
    JsonObject warm =
        Eventually.await(
            "readiness to say the pages are warm",
            PATIENCE,
            () ->
                Http.get("http://127.0.0.1:" + base.getPort() + "/health/ready")
                    .object()
                    .getJsonArray("checks")
                    .stream()
                    .map(JsonValue::asJsonObject)
                    .filter(check -> "pages-warm".equals(check.getString("name")))
                    .filter(check -> "UP".equals(check.getString("status")))
                    .findFirst()
                    .orElse(null));
    assertTrue(warm.getJsonObject("data").containsKey("password-hashing-ms"), warm.toString());

    long first = registrationMillis();
    long second = registrationMillis();
    long third = registrationMillis();
    long later = Math.max(second, third);
    // Cold, the first took 4-5 s against 0.2-0.4 s for the next ones; warm, it is one of them.
    assertTrue(
        first <= Math.max(1500, 3 * later),
        "first registration " + first + " ms, later ones " + second + " and " + third + " ms");
  }

  // ---- 1. a table that holds still ----

  @Test
  @Order(2)
  void theTableHoldsStillUnderThePointerAndWhileARowHasFocus() {
    Browser browser = browser().open("/?source=bptf");
    browser.await("#live-state[data-state=live]", PATIENCE);
    awaitRows(browser, 10);

    // A trader's pointer moves in from outside the table. Until it is on the table, a live change
    // may replace the row it was headed for: then it heads for the new third row.
    WebElement third =
        Eventually.await(
            "the pointer to rest on the third row",
            PATIENCE,
            () -> {
              // A stale row throws, and Eventually tries again.
              browser.pointAt(browser.find("h1"));
              WebElement row = browser.all("#listings-body tr.listing-row").get(2);
              browser.pointAt(row.findElement(By.cssSelector(".cell-price")));
              return row;
            });
    String under = rowUnderPointer(browser, third);
    List<String> before = rowOrder(browser);
    int waiting = awaitWaiting(browser, 20);
    assertEquals(before, rowOrder(browser), "no row moved while the pointer was on the table");
    assertEquals(under, rowUnderPointer(browser, third), "the row under the pointer is the same");
    assertTrue(
        browser.text("#live-waiting").contains("changes waiting"), browser.text("#live-waiting"));
    browser.screenshot("1-held-under-pointer");

    // The pointer leaves: the waiting changes come in.
    browser.pointAt(browser.find("h1"));
    Eventually.awaitTrue(
        "the rows to change once the pointer left",
        PATIENCE,
        () -> !rowOrder(browser).equals(before));
    assertTrue(waiting >= 20);

    // A focused row holds the table too, wherever the pointer is.
    browser.script("document.querySelector('#listings-body tr.listing-row .item-link').focus();");
    List<String> focused = rowOrder(browser);
    awaitWaiting(browser, 20);
    assertEquals(focused, rowOrder(browser), "no row moved while a row had focus");
    browser.screenshot("1-held-while-focused");
    browser.script("document.activeElement.blur();");
    Eventually.awaitTrue(
        "the rows to change once the focus left",
        PATIENCE,
        () -> !rowOrder(browser).equals(focused));
  }

  @Test
  @Order(3)
  void pauseLiveHoldsTheTableUntilResumedAndSaysHowManyChangesWait() {
    Browser browser = browser().open("/?source=bptf");
    browser.await("#live-state[data-state=live]", PATIENCE);
    awaitRows(browser, 10);
    assertEquals("Pause live", browser.text("#live-pause"));
    browser.click("#live-pause");
    browser.pointAt(browser.find("h1"));
    assertEquals("Resume", browser.text("#live-pause"));
    assertEquals("true", browser.find("#live-pause").getDomAttribute("aria-pressed"));
    List<String> paused = rowOrder(browser);
    awaitWaiting(browser, 30);
    assertEquals(paused, rowOrder(browser), "no row moved while paused");
    assertTrue(browser.text("#live-waiting").startsWith("Paused"), browser.text("#live-waiting"));
    browser.screenshot("1-paused");

    browser.click("#live-pause");
    browser.pointAt(browser.find("h1"));
    Eventually.awaitTrue(
        "the waiting changes to come in on Resume",
        PATIENCE,
        () -> !rowOrder(browser).equals(paused) && !browser.find("#live-waiting").isDisplayed());
    assertEquals("Pause live", browser.text("#live-pause"));
  }

  @Test
  @Order(4)
  void newRowsComeInBatchesAFewTimesASecond() {
    Browser browser = browser().open("/?source=bptf");
    browser.await("#live-state[data-state=live]", PATIENCE);
    awaitRows(browser, 10);
    browser.pointAt(browser.find("h1"));
    browser.script(
        "window.itArrivals = []; window.itSince = Date.now();"
            + "new MutationObserver((records) => {"
            + "  if (records.some((r) => Array.from(r.addedNodes).some((n) => n.nodeType === 1))) {"
            + "    window.itArrivals.push(Date.now());"
            + "  }"
            + "}).observe(document.getElementById('listings-body'), {childList: true});");
    Eventually.awaitTrue(
        "five seconds of live rows",
        PATIENCE,
        () -> ((Number) browser.script("return Date.now() - window.itSince;")).longValue() >= 5000);
    long seconds =
        Math.max(1, ((Number) browser.script("return Date.now() - window.itSince;")).longValue())
            / 1000;
    int batches = ((Number) browser.script("return window.itArrivals.length;")).intValue();
    assertTrue(batches >= 1, "rows came in at all");
    assertTrue(
        batches <= 3 * (seconds + 1),
        batches + " insertions in " + seconds + " s: rows must come in batches, a few a second");
  }

  @Test
  @Order(5)
  @SuppressWarnings("unchecked")
  void aDeepPageCountsOnlyTheListingsThatWouldLandOnIt() {
    Eventually.awaitTrue(
        "enough bptf listings for four pages",
        PATIENCE,
        () ->
            Http.get(root() + "/api/listings?source=bptf&limit=1")
                    .object()
                    .getJsonNumber("total")
                    .longValue()
                > 200);
    try (LiveClient all = LiveClient.connect(ws() + "/api/listings/live?source=bptf")) {
      Browser browser = browser().open("/?source=bptf&sort=value&page=3");
      browser.await("#live-state[data-state=live]", PATIENCE);
      // Rows of listings deleted since the page was rendered fade out; they were still on it.
      List<String> rows =
          (List<String>)
              browser.script(
                  "return Array.from(document.querySelectorAll('#listings-body tr.listing-row'),"
                      + " (r) => r.dataset.source + '/' + r.dataset.id);");
      assertTrue(rows.size() > 45 && rows.size() <= 50, rows.size() + " rows on page 3");
      BigDecimal low =
          new BigDecimal(
              browser.find("#listings-body tr.listing-row").getDomAttribute("data-value"));
      List<WebElement> all50 = browser.all("#listings-body tr.listing-row");
      BigDecimal high = new BigDecimal(all50.get(all50.size() - 1).getDomAttribute("data-value"));
      browser.pointAt(browser.find("h1"));

      int counted =
          Eventually.await(
              "the notice to count listings landing on page 3",
              PATIENCE,
              () -> {
                String count = browser.find("#live-notice").getDomAttribute("data-count");
                return count != null && Integer.parseInt(count) >= 2
                    ? Integer.parseInt(count)
                    : null;
              });
      browser.screenshot("1-deep-page-notice");
      int seenBefore = all.messages.size();
      Eventually.awaitTrue(
          "the test's own socket to have seen as much",
          PATIENCE,
          () -> all.messages.size() > seenBefore + 50);

      Set<String> landed = new HashSet<>();
      Set<String> elsewhere = new HashSet<>();
      for (JsonObject message : all.messages) {
        if (!"listing.upsert".equals(message.getString("event"))) {
          continue;
        }
        JsonObject data = message.getJsonObject("data");
        String id = data.getString("id");
        if (rows.contains("bptf/" + id)) {
          continue;
        }
        JsonValue value = data.get("value");
        BigDecimal amount = value instanceof JsonNumber n ? n.bigDecimalValue() : null;
        if (amount != null && amount.compareTo(low) >= 0 && amount.compareTo(high) <= 0) {
          landed.add(id);
        } else {
          elsewhere.add(id);
        }
      }
      assertTrue(
          counted <= landed.size(),
          "counted " + counted + ", but only " + landed.size() + " landed on the page");
      assertTrue(
          elsewhere.size() > landed.size(),
          "most changes belong to other pages: " + elsewhere.size() + " vs " + landed.size());
    }
  }

  // ---- 2. links out ----

  @Test
  @Order(6)
  void rowsAndTheListingPageLinkOutAsTradersUseThem() {
    Browser browser = browser().open("/?source=bptf");
    WebElement row = browser.await("#listings-body tr.listing-row:has(.link-offer)", PATIENCE);
    browser.script("document.getElementById('live-pause').click();");
    row = browser.find("#listings-body tr.listing-row:has(.link-offer)");
    String id = row.getDomAttribute("data-id");
    String seller = row.findElement(By.cssSelector(".seller-link")).getDomAttribute("href");
    assertTrue(seller.matches("https://backpack\\.tf/profiles/7656119\\d{10}"), seller);
    String steamid = seller.substring(seller.lastIndexOf('/') + 1);
    assertFalse(seller.contains("/listings/"), "the seller link is not the listing page");
    assertEquals("https://steamcommunity.com/profiles/" + steamid, href(row, ".link-steam"));
    assertEquals("https://backpack.tf/classifieds?listing=" + id, href(row, ".link-listing"));
    String offer = href(row, ".link-offer");
    long partner = Long.parseLong(steamid) - 76561197960265728L;
    assertTrue(
        offer.startsWith(
            "https://steamcommunity.com/tradeoffer/new/?partner=" + partner + "&token="),
        offer);
    for (WebElement out : row.findElements(By.cssSelector("a[target=_blank]"))) {
      assertEquals("noopener noreferrer", out.getDomAttribute("rel"));
    }
    browser.screenshot("2-row-links");

    browser.open("/listings/bptf/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    browser.await("#detail-links", PATIENCE);
    assertEquals(seller, href(browser.find("#detail-seller"), ".seller-link"));
    assertEquals(offer, href(browser.find("#detail-links"), ".link-offer"));
    assertEquals("Send offer", browser.text("#detail-links .link-offer"));
    browser.screenshot("2-listing-links");

    // skinshark listings link to their page on the marketplace that holds them.
    browser.open("/?source=skinshark");
    WebElement market = browser.await("#listings-body tr.listing-row .link-marketplace", PATIENCE);
    String page = market.getDomAttribute("href");
    assertTrue(
        Pattern.matches(
            "https://(skinshark\\.gg|csfloat\\.com|buff\\.163\\.com|skinport\\.com)/.+", page),
        page);
    assertTrue(market.getText().startsWith("On "), market.getText());

    // Live rows carry the same links as the server's.
    browser.open("/?source=bptf");
    browser.await("#live-state[data-state=live]", PATIENCE);
    Set<String> initial = new HashSet<>(rowOrder(browser));
    // Read as the row is found: the live table may take it away a moment later.
    List<String> live =
        Eventually.await(
            "a live row with a trade offer link",
            PATIENCE,
            () -> {
              try {
                return browser.all("#listings-body tr.listing-row:has(.link-offer)").stream()
                    .filter(r -> !initial.contains("bptf/" + r.getDomAttribute("data-id")))
                    .findFirst()
                    .map(r -> List.of(href(r, ".seller-link"), href(r, ".link-offer")))
                    .orElse(null);
              } catch (StaleElementReferenceException gone) {
                return null;
              }
            });
    assertTrue(live.get(0).startsWith("https://backpack.tf/profiles/"), live.get(0));
    assertTrue(live.get(1).startsWith("https://steamcommunity.com/tradeoffer/new/"), live.get(1));
  }

  // ---- 3. item icons ----

  @Test
  @Order(7)
  void itemIconsComeOnlyFromTheConfiguredHosts() {
    Http.Answer page = Http.get(root() + "/?source=bptf");
    String policy = page.header("Content-Security-Policy");
    assertTrue(
        policy.contains(
            "; img-src 'self' data: https://cdn.skinshark.gg https://steamcdn-a.akamaihd.net;"),
        policy);
    Browser browser = browser().open("/?source=bptf");
    browser.await("#listings-body img.item-icon", PATIENCE);
    browser.script("document.getElementById('live-pause').click();");
    List<WebElement> icons = browser.all("#listings-body img.item-icon");
    assertFalse(icons.isEmpty());
    for (WebElement icon : icons) {
      assertEquals("lazy", icon.getDomAttribute("loading"));
      String host = URI.create(icon.getDomAttribute("src")).getHost();
      assertTrue(Set.of(IMAGE_HOSTS.split(",")).contains(host), host);
    }
    browser.screenshot("3-icons");

    // A CS2 listing's icon is on Steam's economy CDN, which this deployment does not allow.
    JsonObject cs2 =
        Eventually.await(
            "a CS2 listing from backpack.tf",
            PATIENCE,
            () ->
                Http.get(root() + "/api/listings?source=bptf&q=%7C&limit=1")
                    .object()
                    .getJsonArray("items")
                    .stream()
                    .map(JsonValue::asJsonObject)
                    .findFirst()
                    .orElse(null));
    assertTrue(cs2.getString("imageUrl").contains("steamstatic.com"), cs2.getString("imageUrl"));
    assertEquals(JsonValue.NULL, cs2.getJsonObject("links").get("image"));
    browser.open("/listings/bptf/" + cs2.getString("id"));
    browser.await("#listing-details", PATIENCE);
    assertFalse(browser.has("#listing-icon"), "no icon from a host that is not allowed");
  }

  // ---- 4. numbers ----

  @Test
  @Order(8)
  void pricesCarryThousandsSeparatorsAndAKeyListingIsChartedInKeys() {
    Browser browser = browser();
    // In one CI run the first such listing's page stayed bare for 90 s (its history carried no
    // price in the listing's unit; not reproduced alone): take the first of five that charts.
    JsonObject dear =
        Eventually.await(
            "a bptf listing of a thousand keys or more, charted on its page",
            PATIENCE,
            () ->
                Http.get(root() + "/api/listings?source=bptf&sort=-value&minValue=60000&limit=50")
                    .object()
                    .getJsonArray("items")
                    .stream()
                    .map(JsonValue::asJsonObject)
                    .filter(l -> l.getJsonObject("currencies").containsKey("keys"))
                    .limit(5)
                    .filter(
                        l ->
                            browser
                                .open("/listings/bptf/" + l.getString("id"))
                                .has("#price-chart-figure:not([hidden])"))
                    .findFirst()
                    .orElse(null));
    assertTrue(dear.getJsonObject("currencies").getJsonNumber("keys").longValue() >= 1000);
    browser.await("#price-chart-figure:not([hidden])", PATIENCE);
    // The page's own price: the listing may have changed since the API was asked.
    String price = browser.text("#detail-price");
    java.util.regex.Matcher written = Pattern.compile("^(\\d{1,3}(,\\d{3})+) keys").matcher(price);
    assertTrue(written.find(), price);
    long keys = Long.parseLong(written.group(1).replace(",", ""));
    assertEquals("keys", browser.find("#price-chart-figure").getDomAttribute("data-unit"));
    assertEquals(
        "keys",
        browser.script(
            "return Chart.getChart(document.getElementById('price-chart'))"
                + ".options.scales.y.title.text;"));
    double charted =
        ((Number)
                browser.script(
                    "const d = Chart.getChart(document.getElementById('price-chart'))"
                        + ".data.datasets[0].data; return d[d.length - 1].y;"))
            .doubleValue();
    assertTrue(
        Math.abs(charted - keys) < keys * 0.02 + 1,
        "charted " + charted + " for " + keys + " keys");
    browser.screenshot("4-chart-in-keys");

    browser.open("/?source=bptf&sort=-value");
    String top = browser.await("#listings-body tr.listing-row .cell-price", PATIENCE).getText();
    assertTrue(Pattern.compile("\\d,\\d{3}").matcher(top).find(), top);
    browser.screenshot("4-thousands");
  }

  // ---- 7. mobile ----

  @Test
  @Order(9)
  void atPhoneWidthTheNavigationFitsAndNothingScrollsSideways() {
    String token = newToken();
    Http.Answer added =
        Http.post(
            notificationsControl
                + "/add?token="
                + token
                + "&count=3&type=11&unread=true&folder=0&name=cares");
    assertEquals(200, added.status(), added.body());
    JsonObject listing =
        Http.get(root() + "/api/listings?source=bptf&limit=1")
            .object()
            .getJsonArray("items")
            .getJsonObject(0);

    Browser browser = browser().phone(390, 844);
    String name = "phone_" + Long.toHexString(System.nanoTime());
    browser.open("/register").await("#register-form", PATIENCE);
    browser.type("#username", name).type("#password", PASSWORD).type("#repeat", PASSWORD);
    browser.click("#register-form button[type=submit]").await(".site-nav .user", PATIENCE);
    browser.open("/settings").await("#token-form", PATIENCE);
    browser.type("#token", token).click("#token-form button[type=submit]");
    browser.await("#token-hint", PATIENCE);

    Map<String, String> pages =
        Map.of(
            "/?source=bptf",
            "#listings-body tr.listing-row",
            "/status",
            "#streams-table tr.stream-row",
            "/notifications",
            "tr.notification",
            "/listings/bptf/" + listing.getString("id"),
            "#listing-details",
            "/deals",
            "#deals-table");
    for (Map.Entry<String, String> page : pages.entrySet()) {
      Eventually.awaitTrue(
          page.getKey() + " to show its content",
          PATIENCE,
          () -> browser.open(page.getKey()).has(page.getValue()));
      if (page.getKey().startsWith("/?")) {
        browser.script("document.getElementById('live-pause').click();");
      }
      long width =
          ((Number) browser.script("return document.documentElement.scrollWidth;")).longValue();
      long viewport = ((Number) browser.script("return window.innerWidth;")).longValue();
      assertEquals(390, viewport);
      assertTrue(width <= viewport, page.getKey() + " is " + width + " px wide at " + viewport);
      Object outside =
          browser.script(
              "return Array.from(document.querySelectorAll('.site-nav a, .site-nav button'))"
                  + ".filter((e) => { const r = e.getBoundingClientRect();"
                  + " return r.left < 0 || r.right > window.innerWidth; })"
                  + ".map((e) => e.textContent.trim());");
      assertEquals(List.of(), outside, page.getKey() + ": navigation off-screen");
      browser.screenshot("7-phone" + page.getKey().replaceAll("[^a-z]+", "-"));
    }
    assertTrue(browser.has(".site-nav button"), "Log out is there");
  }

  // ---- 5. item filters ----

  /**
   * Issue #12, item 5: the filters traders use on backpack.tf, as form controls that narrow the
   * table, stay in the URL and in the form, and narrow the live rows too.
   */
  @Test
  @Order(10)
  void theItemFilterControlsNarrowTheTableAndItsLiveRows() {
    Browser browser = browser().open("/?source=bptf");
    browser.await("#live-state[data-state=live]", PATIENCE);
    awaitRows(browser, 10);
    long everything = listingsTotal(browser);

    // Non-craftable items only, chosen in the form.
    new Select(browser.find("#f-craftable")).selectByValue("false");
    browser.click("#listing-search button[type=submit]");
    Eventually.awaitTrue(
        "the filtered page", PATIENCE, () -> browser.path().contains("craftable=false"));
    browser.await("#live-state[data-state=live]", PATIENCE);
    assertEquals(
        "false",
        new Select(browser.find("#f-craftable")).getFirstSelectedOption().getDomAttribute("value"));
    assertEquals("bptf", browser.find("#f-source").getDomProperty("value"));
    awaitRows(browser, 5);
    long narrowed = listingsTotal(browser);
    assertTrue(narrowed > 0 && narrowed < everything, narrowed + " of " + everything);
    assertTrue(browser.has("#clear-filters"), "a filtered page offers to clear its filters");
    browser.pointAt(browser.find("h1"));
    Set<String> served = new HashSet<>(rowOrder(browser));
    Eventually.awaitTrue(
        "a live row on the filtered page",
        PATIENCE,
        () -> rowOrder(browser).stream().anyMatch(row -> !served.contains(row)));
    browser.script("document.getElementById('live-pause').click();");
    List<String> rows = rowOrder(browser);
    assertTrue(rows.stream().anyMatch(row -> !served.contains(row)), "live rows came in");
    for (String row : rows) {
      assertTrue(itemKeyOf(row).endsWith(".uncraftable"), row + " is not craftable");
    }
    browser.screenshot("5-non-craftable");

    // A killstreak tier written as a number in the URL shows selected by its name.
    browser.open("/?source=bptf&killstreak=3");
    browser.await("#live-state[data-state=live]", PATIENCE);
    assertEquals("professional", browser.find("#f-killstreak").getDomProperty("value"));
    browser.script("document.getElementById('live-pause').click();");
    List<String> professional = rowOrder(browser);
    assertFalse(professional.isEmpty(), "professional killstreaks are listed");
    for (String row : professional) {
      assertTrue(itemKeyOf(row).contains(".ks3"), row + " is a professional killstreak");
    }

    // An unusual effect, typed as traders write it.
    String effect =
        Eventually.await(
            "an unusual with an effect",
            PATIENCE,
            () ->
                Http.get(root() + "/api/listings?source=bptf&quality=Unusual&limit=50")
                    .object()
                    .getJsonArray("items")
                    .stream()
                    .map(JsonValue::asJsonObject)
                    .map(l -> l.getString("particle", null))
                    .filter(p -> p != null)
                    .findFirst()
                    .orElse(null));
    browser.open("/?source=bptf");
    browser.type("#f-effect", effect.toLowerCase(java.util.Locale.ROOT));
    browser.click("#listing-search button[type=submit]");
    Eventually.awaitTrue("the effect's page", PATIENCE, () -> browser.path().contains("effect="));
    browser.await("#listings-body tr.listing-row", PATIENCE);
    browser.script("document.getElementById('live-pause').click();");
    for (WebElement particle : browser.all("#listings-body tr.listing-row .particle")) {
      assertEquals(effect, particle.getText());
    }
    assertEquals(
        browser.all("#listings-body tr.listing-row").size(),
        browser.all("#listings-body tr.listing-row .particle").size(),
        "every row shows the effect");
    browser.screenshot("5-effect");

    // Skins by their wear.
    browser.open("/?source=skinshark");
    new Select(browser.find("#f-wear")).selectByValue("Field-Tested");
    browser.click("#listing-search button[type=submit]");
    Eventually.awaitTrue(
        "the wear's page", PATIENCE, () -> browser.path().contains("wear=Field-Tested"));
    browser.await("#listings-body tr.listing-row", PATIENCE);
    browser.script("document.getElementById('live-pause').click();");
    assertEquals("Field-Tested", browser.find("#f-wear").getDomProperty("value"));
    List<WebElement> wears = browser.all("#listings-body tr.listing-row .wear");
    assertEquals(browser.all("#listings-body tr.listing-row").size(), wears.size());
    for (WebElement wear : wears) {
      assertTrue(wear.getText().startsWith("Field-Tested"), wear.getText());
    }
    browser.screenshot("5-wear");

    // A bad value is refused on the page as the API refuses it.
    browser.open("/?wear=Mint");
    assertTrue(browser.text("#search-error").contains("wear"), browser.text("#search-error"));
  }

  // ---- 8. deals ----

  /**
   * The deals page: the open deals newest first with their figures, a deal that opens arriving at
   * the top over the live socket, and a bad filter said on the page.
   */
  @Test
  @Order(11)
  void theDealsPageShowsDealsAndOpensNewOnesAtTheTop() {
    Eventually.awaitTrue(
        "an open deal",
        PATIENCE,
        () ->
            Http.get(root() + "/api/deals?limit=1").object().getJsonNumber("total").longValue()
                > 0);
    Browser browser = browser().open("/deals");
    browser.await("#deals-body tr.deal-row", PATIENCE);
    browser.await("#live-state[data-state=live]", PATIENCE);
    assertEquals("Deals", browser.text(".site-nav a.current"));
    assertTrue(browser.text("#deals-total").endsWith("open deals"), browser.text("#deals-total"));
    assertTrue(
        browser
            .find("#deals-body tr.deal-row .item-link")
            .getAttribute("href")
            .contains("/listings/"),
        "a deal links to its listing");
    assertTrue(
        browser
            .find("#deals-body tr.deal-row .item-page-link")
            .getAttribute("href")
            .contains("/items/bptf."),
        "a deal links to its item");
    assertTrue(
        browser.text("#deals-body tr.deal-row .cell-discount").endsWith("%"),
        browser.text("#deals-body tr.deal-row .cell-discount"));
    browser.await("#deals-body tr.deal-row.live-new", PATIENCE);
    String live = browser.text("#deals-body tr.deal-row.live-new .cell-reason");
    assertTrue(live.equals("below the best buy") || live.equals("under suggested"), live);
    assertFalse(browser.text("#deals-body tr.deal-row.live-new .cell-profit").isBlank());
    browser.screenshot("8-deals");

    browser.open("/deals?minProfit=5").await("#search-error", PATIENCE);
    assertTrue(browser.text("#search-error").contains("minProfit"), browser.text("#search-error"));
  }

  @Test
  @Order(12)
  void theItemsPageListsItemsAndKeepsTheirBestPricesLive() {
    Browser browser = browser().open("/items?source=bptf");
    browser.await("#items-body tr.item-row", PATIENCE);
    assertEquals("Items", browser.text(".site-nav a.current"));
    assertTrue(browser.text("#items-total").endsWith("items"), browser.text("#items-total"));
    WebElement first = browser.find("#items-body tr.item-row");
    String key = first.getAttribute("data-key");
    assertTrue(
        first
            .findElement(By.cssSelector(".item-link"))
            .getAttribute("href")
            .endsWith("/items/" + key),
        "a row links to its item's page");
    String bestSell = first.findElement(By.cssSelector(".cell-best-sell")).getText();
    assertTrue(TRADERS_PRICE.matcher(bestSell).matches(), bestSell);
    browser.await("#live-state[data-state=live]", PATIENCE);
    // The busiest items are on the first page: one of their best prices moves within seconds.
    WebElement changed = browser.await("#items-body tr.item-row.live-changed", PATIENCE);
    String text = changed.findElement(By.cssSelector(".cell-best-buy")).getText();
    assertTrue(TRADERS_PRICE.matcher(text).matches(), text);
    browser.screenshot("9-items");

    browser.open("/items?sort=cheap").await("#search-error", PATIENCE);
    assertTrue(browser.text("#search-error").contains("sort"), browser.text("#search-error"));
  }

  @Test
  @Order(13)
  void theItemPageShowsItsBookAndHistoryAndHighlightsLiveChanges() {
    JsonObject item =
        Eventually.await(
            "an item with buy orders and sell listings",
            PATIENCE,
            () ->
                Http.get(root() + "/api/items?source=bptf&sort=listings&limit=20")
                    .object()
                    .getJsonArray("items")
                    .stream()
                    .map(JsonValue::asJsonObject)
                    .filter(i -> i.getInt("buyCount") > 0 && i.getInt("sellCount") > 0)
                    .findFirst()
                    .orElse(null));
    String key = item.getString("itemKey");

    // Whole without JavaScript: both sides and the history are in the HTML.
    Http.Answer html = Http.get(root() + "/items/" + key);
    assertEquals(200, html.status());
    assertTrue(html.body().contains("class=\"book-row\""), "the book in the HTML");
    assertTrue(html.body().contains("class=\"hour-row\""), "the history in the HTML");
    assertEquals(404, Http.get(root() + "/items/not-a-key").status());
    assertEquals(404, Http.get(root() + "/items/bptf.440.No_Such_Hat_Anywhere").status());

    Browser browser = browser().open("/items/" + key);
    browser.await("#sells-body tr.book-row", PATIENCE);
    assertEquals(item.getString("name"), browser.text("#item-title"));
    assertFalse(browser.all("#buys-body tr.book-row").isEmpty(), "buy orders beside the sells");
    String cheapest = browser.text("#sells-body tr.book-row .entry-link");
    assertFalse(cheapest.isBlank());
    assertTrue(
        browser
            .find("#sells-body tr.book-row .entry-link")
            .getAttribute("href")
            .contains("/listings/bptf/"),
        "an entry links to its listing");
    assertTrue(
        TRADERS_PRICE.matcher(browser.text("#item-best-sell")).matches(),
        browser.text("#item-best-sell"));
    assertTrue(
        browser.find("#watch-item").getAttribute("href").endsWith("/watches?item=" + key),
        browser.find("#watch-item").getAttribute("href"));
    assertFalse(browser.all("#item-history tr.hour-row").isEmpty(), "hours of history");
    Eventually.awaitTrue(
        "the history chart drawn",
        PATIENCE,
        () -> browser.find("#item-chart-figure").getAttribute("hidden") == null);
    browser.await("#live-state[data-state=live]", PATIENCE);
    browser.await("#item-page .live-changed, #item-page .live-new", PATIENCE);
    browser.screenshot("10-item");

    // The listing page links to its item.
    String listingHref = browser.find("#sells-body tr.book-row .entry-link").getAttribute("href");
    browser.open(listingHref.substring(listingHref.indexOf("/listings/")));
    browser.await("#item-page-link", PATIENCE);
    assertTrue(
        browser.find("#item-page-link").getAttribute("href").endsWith("/items/" + key),
        browser.find("#item-page-link").getAttribute("href"));
  }

  /**
   * Issue #21: a deal that closes leaves the deals page live, without a reload, and leaves {@code
   * /api/deals}; its item's page shows the change. The simulator closes deals the page shows, by
   * name: one deleted, one repriced over its item's value and best buy, then every deal a filter
   * shows, which leaves the page saying it has none. The stream is paused meanwhile, so the only
   * changes are the test's and nothing else can take its rows away.
   */
  @Test
  @Order(14)
  void aDealThatClosesLeavesTheDealsPageLiveAndItsItemPageHighlightsTheChange() {
    Simulator simulator = new Simulator();
    Eventually.awaitTrue("two open backpack.tf deals", PATIENCE, () -> openDeals().size() >= 2);
    Browser deals = browser().open("/deals?source=bptf");
    deals.await("#deals-body tr.deal-row", PATIENCE);
    deals.await("#live-state[data-state=live]", PATIENCE);
    // Gone on a reload; the page must change in place.
    deals.script("window.itSamePage = true;");
    simulator.pause();
    try {
      // Deleted: the seller took the listing down.
      String deleted = closeADealShown(deals, simulator, "delete", id -> true);
      awaitRowGone(deals, deleted);
      assertFalse(openDeals().contains(deleted), deleted + " is still in /api/deals");
      JsonObject gone = listing(deleted);
      assertFalse(gone.isNull("deletedAt"), gone.toString());
      deals.screenshot("8-deal-closed");

      // Repriced out of being a deal, with its item's page open: the book's row changes in place.
      Browser item = browser();
      String[] before = new String[1];
      String repriced =
          closeADealShown(
              deals,
              simulator,
              "reprice",
              id -> {
                String key = listing(id).getString("itemKey");
                item.open("/items/" + key);
                item.await("#live-state[data-state=live]", PATIENCE);
                String row = "#sells-body tr.book-row[data-id='" + id + "']";
                // With 50 sells or more, a dearer price could move the row off the book's page.
                if (!item.has(row)
                    || Integer.parseInt(item.text("#item-sell-count").replaceAll("[^0-9]", ""))
                        >= 50) {
                  return false;
                }
                assertFalse(
                    item.find(row).getAttribute("class").contains("live-changed"),
                    "nothing changed yet");
                before[0] = item.text(row + " .entry-link");
                item.script("window.itSamePage = true;");
                return true;
              });
      awaitRowGone(deals, repriced);
      assertFalse(openDeals().contains(repriced), repriced + " is still in /api/deals");
      JsonObject now = listing(repriced);
      assertTrue(now.isNull("deletedAt"), "repriced, not deleted: " + now);
      String row = "#sells-body tr.book-row[data-id='" + repriced + "']";
      item.await(row + ".live-changed", PATIENCE);
      String after = item.text(row + " .entry-link");
      assertFalse(after.equals(before[0]), "the price changed from " + before[0]);
      assertTrue(TRADERS_PRICE.matcher(after).matches(), after);
      assertEquals(
          Boolean.TRUE, item.script("return window.itSamePage === true;"), "item page reloaded");
      item.screenshot("10-item-deal-repriced");
      assertEquals(Boolean.TRUE, deals.script("return window.itSamePage === true;"), "no reload");

      // The last deals a filter shows close: the page says there are none, as the server would.
      BigDecimal most =
          openDealsFound().stream()
              .map(deal -> deal.getJsonNumber("profit").bigDecimalValue())
              .max(BigDecimal::compareTo)
              .orElseThrow();
      deals.open("/deals?source=bptf&minProfit=" + most.toPlainString());
      deals.await("#live-state[data-state=live]", PATIENCE);
      deals.script("window.itSamePage = true;");
      @SuppressWarnings("unchecked")
      List<String> last =
          (List<String>)
              deals.script(
                  "return Array.from(document.querySelectorAll('#deals-body tr.deal-row'),"
                      + " (r) => r.dataset.id);");
      assertFalse(last.isEmpty(), "the deal with the most profit is shown");
      assertFalse(deals.has("#deals-empty"));
      String counted = last.size() == 1 ? "1 open deal" : last.size() + " open deals";
      assertEquals(counted, deals.text("#deals-total"), "the filter's deals, all on one page");
      for (String id : last) {
        Http.Answer closed = simulator.closeDeal(id, "delete");
        assertEquals(200, closed.status(), closed.body());
      }
      for (String id : last) {
        awaitRowGone(deals, id);
      }
      deals.await("#deals-empty", PATIENCE);
      assertEquals("No open deals match these filters.", deals.text("#deals-empty"));
      assertEquals("0 open deals", deals.text("#deals-total"), "the count follows the closes");
      assertEquals(Boolean.TRUE, deals.script("return window.itSamePage === true;"), "no reload");
      deals.screenshot("8-deals-all-closed");
    } finally {
      simulator.resume();
    }
  }

  // ---- helpers ----

  /**
   * Asks the simulator to close, {@code how}, the deal of one of the rows the deals page shows that
   * {@code choose} accepts, and returns its listing id. A row's listing may have gone in the last
   * frames before the pause (404: its row goes by itself) or be a key the simulator cannot reprice
   * out of being a deal (409): the next row is tried.
   */
  @SuppressWarnings("unchecked")
  private static String closeADealShown(
      Browser deals, Simulator simulator, String how, java.util.function.Predicate<String> choose) {
    List<String> shown =
        (List<String>)
            deals.script(
                "return Array.from(document.querySelectorAll('#deals-body tr.deal-row'),"
                    + " (r) => r.dataset.id);");
    for (String id : shown) {
      if (!deals.has("#deals-body tr.deal-row[data-id='" + id + "']") || !choose.test(id)) {
        continue;
      }
      Http.Answer closed = simulator.closeDeal(id, how);
      if (closed.status() == 200) {
        assertEquals(id, closed.object().getString("listingId"));
        assertEquals(
            how.equals("delete") ? "listing-delete" : "listing-update",
            closed.object().getString("event"));
        return id;
      }
      assertTrue(closed.status() == 404 || closed.status() == 409, closed.body());
    }
    throw new AssertionError("the simulator could close none of the deals shown: " + shown);
  }

  private void awaitRowGone(Browser deals, String id) {
    try {
      Eventually.awaitTrue(
          "the row of " + id + " to leave the deals page",
          PATIENCE,
          () -> !deals.has("#deals-body tr.deal-row[data-id='" + id + "']"));
    } catch (AssertionError stayed) {
      // Whether the server still holds it a deal, and why, or only the page kept it.
      throw new AssertionError(
          stayed.getMessage()
              + "; /api/deals has "
              + openDealsFound().stream()
                  .filter(deal -> deal.getString("listingId").equals(id))
                  .toList()
              + "; the listing is "
              + listing(id),
          stayed);
    }
  }

  /** Every open backpack.tf deal's listing id. */
  private Set<String> openDeals() {
    Set<String> ids = new HashSet<>();
    openDealsFound().forEach(deal -> ids.add(deal.getString("listingId")));
    return ids;
  }

  /** Every open backpack.tf deal, page by page. */
  private List<JsonObject> openDealsFound() {
    List<JsonObject> deals = new java.util.ArrayList<>();
    for (int page = 1; ; page++) {
      JsonObject answer =
          Http.get(root() + "/api/deals?source=bptf&limit=200&page=" + page).object();
      answer.getJsonArray("items").forEach(deal -> deals.add(deal.asJsonObject()));
      if (answer.getJsonArray("items").size() < 200) {
        return deals;
      }
    }
  }

  private JsonObject listing(String id) {
    return Http.get(root() + "/api/listings/bptf/" + URLEncoder.encode(id, StandardCharsets.UTF_8))
        .object();
  }

  /** The number the page's total says, e.g. 1234 for "1,234 listings". */
  private static long listingsTotal(Browser browser) {
    return Long.parseLong(browser.text("#listings-total").replaceAll("[^0-9]", ""));
  }

  /** The itemKey of a row's listing ({@code source/id}), as the REST API gives it. */
  private String itemKeyOf(String row) {
    String id = row.substring(row.indexOf('/') + 1);
    JsonObject listing =
        Http.get(
                root()
                    + "/api/listings/"
                    + row.substring(0, row.indexOf('/'))
                    + "/"
                    + URLEncoder.encode(id, StandardCharsets.UTF_8))
            .object();
    return listing.getString("itemKey", "");
  }

  private String ws() {
    return root().replaceFirst("^http", "ws");
  }

  private long registrationMillis() {
    Http.Visitor visitor = new Http.Visitor(root());
    visitor.get("/register");
    String name = "first_" + Long.toHexString(System.nanoTime());
    long start = System.nanoTime();
    Http.Answer answer =
        visitor.post("/register", "username", name, "password", PASSWORD, "repeat", PASSWORD);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(303, answer.status(), answer.body());
    return millis;
  }

  private static void awaitRows(Browser browser, int count) {
    Eventually.awaitTrue(
        count + " rows",
        PATIENCE,
        () -> browser.all("#listings-body tr.listing-row").size() >= count);
  }

  /** Waits until at least {@code count} changes wait, and returns how many do. */
  private static int awaitWaiting(Browser browser, int count) {
    return Eventually.await(
        count + " changes to wait",
        PATIENCE,
        () -> {
          Object waiting =
              browser.script(
                  "const w = document.getElementById('live-waiting');"
                      + " return w && !w.hidden ? Number(w.dataset.count) : 0;");
          int n = ((Number) waiting).intValue();
          return n >= count ? n : null;
        });
  }

  /**
   * The rows' listings in order, read in one script so that no update can interleave; a row fading
   * out from an earlier batch is already gone.
   */
  @SuppressWarnings("unchecked")
  private static List<String> rowOrder(Browser browser) {
    return (List<String>)
        browser.script(
            "return Array.from(document.querySelectorAll('#listings-body tr.listing-row:not(.row-removing)'),"
                + " (r) => r.dataset.source + '/' + r.dataset.id);");
  }

  private static String rowUnderPointer(Browser browser, WebElement row) {
    return (String)
        browser.script(
            "const r = arguments[0].getBoundingClientRect();"
                + " const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                + " const tr = at && at.closest('tr');"
                + " return tr ? tr.dataset.source + '/' + tr.dataset.id : null;",
            row);
  }

  private static String href(WebElement within, String css) {
    List<WebElement> found = within.findElements(By.cssSelector(css));
    assertFalse(found.isEmpty(), "no " + css);
    return found.get(0).getDomAttribute("href");
  }

  private static String newToken() {
    byte[] bytes = new byte[12];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
  }
}
