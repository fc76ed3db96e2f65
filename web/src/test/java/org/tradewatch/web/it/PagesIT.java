package org.tradewatch.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The pages in headless Chromium (and, where no browser is needed, plain HTTP) against the real
 * WAR, the simulator's notifications API and its live backpack.tf stream: what visitors and users
 * see and do, and what forged and foreign requests get.
 *
 * <p>Each test sets up what it needs (its own accounts, tokens, notifications and browsers) and
 * shares nothing with the others, so that each failure is reported on its own and any test can be
 * run alone. A browser is reused only once reset (no cookies, so no session; a blank page), and the
 * console of every browser a test used must show no Content-Security-Policy violation.
 */
class PagesIT extends BrowserIT {

  private static final String SESSION = "TRADEWATCH_SESSION";
  private static final String SCRIPT_NAME = "<script>alert('xss')</script>";
  private static final String PASSWORD = "correct horse battery";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Every token handed out, so that none of them may show up in the log or the database. */
  private static final Set<String> TOKENS = ConcurrentHashMap.newKeySet();

  private static String control;

  /**
   * The real WAR, and a servlet that fails (to see what an unexpected error looks like). A short
   * polling window lets the Inbox and then the Archived tab each go upstream within one test; the
   * 30 s window itself is NotificationsProxyIT's to check.
   */
  @Deployment(testable = false)
  static WebArchive tradewatch() {
    return war(
            "pages-it",
            "tradewatch.notifications.poll-interval-seconds=2",
            "tradewatch.notifications.refresh-spread-seconds=0")
        .addClass(FailingServlet.class);
  }

  @BeforeAll
  static void awaitTheSimulator() {
    new Simulator().awaitUp();
    control = simulator("/control/notifications");
  }

  @Test
  void pagesCarryAStrictContentSecurityPolicyAndAProtectedSessionCookie() {
    HttpResponse<String> login = send("GET", root() + "/login", null, null, null);
    assertEquals(200, login.statusCode());
    String policy = login.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(policy.contains("script-src 'self'"), policy);
    assertFalse(policy.contains("unsafe-inline"), policy);
    assertFalse(policy.contains("unsafe-eval"), policy);
    assertEquals("nosniff", login.headers().firstValue("X-Content-Type-Options").orElse(""));
    String cookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(SESSION + "="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie: " + login.headers()));
    assertTrue(cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
    assertFalse(login.body().matches("(?s).*<script>[^<]+</script>.*"), "no inline script");
  }

  @Test
  void aVisitorIsSentToLogInRegistersAndSavesATokenShownOnlyByItsLastFour() {
    String name = uniqueName("alice");
    String token = newToken();
    // Settings checks a new token with backpack.tf: the simulator must know it.
    add(token, 1, 0, "cares");
    Browser browser = browser().open("/notifications");
    browser.await("#login-form", PATIENCE);
    assertTrue(browser.path().startsWith("/login"), browser.path());

    browser.click("main a[href*='/register']").await("#register-form", PATIENCE);
    browser.type("#username", name).type("#password", PASSWORD).type("#repeat", "different pw");
    browser.click("#register-form button[type=submit]").await("#register-error", PATIENCE);
    assertTrue(browser.text("#register-error").contains("differ"), browser.text("#register-error"));

    browser.type("#username", name).type("#password", PASSWORD).type("#repeat", PASSWORD);
    browser.click("#register-form button[type=submit]").await(".site-nav .user", PATIENCE);
    assertEquals(name, browser.text(".site-nav .user"));
    // Registered and logged in, back on the page that asked for a login.
    assertEquals("/notifications", browser.path());
    browser.open("/settings").await("#token-form", PATIENCE);
    assertTrue(browser.text("#token-state").contains("No token"), browser.text("#token-state"));

    // The browser refuses a malformed token before sending it; the server refuses it as well.
    browser.type("#token", "not-a-token-at-all-1234").click("#token-form button[type=submit]");
    assertEquals(
        Boolean.FALSE, browser.script("return document.getElementById('token').validity.valid;"));
    assertFalse(browser.has("#settings-error"), "nothing was sent");
    browser.script("document.getElementById('token-form').noValidate = true;");
    browser.click("#token-form button[type=submit]").await("#settings-error", PATIENCE);
    assertTrue(browser.text("#settings-error").contains("24"), browser.text("#settings-error"));

    browser.type("#token", token).click("#token-form button[type=submit]");
    browser.await("#token-hint", PATIENCE);
    assertEquals("…" + token.substring(20), browser.text("#token-hint"));
    assertTrue(browser.text(".flash").contains("Token saved"), browser.text(".flash"));
    assertFalse(browser.source().contains(token), "the page never shows the whole token");
  }

  @Test
  void theInboxShowsTheUsersNotificationsWithNamesAsPlainText() {
    String token = newToken();
    List<String> inbox = new ArrayList<>(add(token, 4, 0, "cares"));
    inbox.addAll(add(token, 1, 0, SCRIPT_NAME));
    Browser browser = browser();
    signUp(browser, "inbox");
    saveToken(browser, token);

    browser.open("/notifications").await("tr.notification", PATIENCE);
    assertEquals(Set.copyOf(inbox), rowIds(browser));
    assertEquals("5", browser.text("#count-inbox"));
    assertEquals(5, browser.all("tr.notification.unread .unread-mark").size());
    List<String> names =
        browser.all("tr.notification .from").stream()
            .map(WebElement::getText)
            .collect(Collectors.toList());
    assertTrue(names.contains(SCRIPT_NAME), "the <script> name reads as text: " + names);
    assertFalse(browser.alertOpen(), "no injected script ran");
    assertEquals(
        0L,
        browser.script(
            "return Array.from(document.scripts).filter(s => !s.src).length"
                + " + document.querySelectorAll('tr.notification script').length;"));
    assertTrue(browser.has("tr.notification a.upstream-link"), "links to backpack.tf");
  }

  @Test
  void markTheInboxReadThenDeleteOne() {
    String token = newToken();
    List<String> inbox = add(token, 5, 0, "cares");
    Browser browser = browser();
    signUp(browser, "reader");
    saveToken(browser, token);

    browser.open("/notifications").await("#mark-read", PATIENCE);
    browser.click("#mark-read");
    // Waits for this answer's message, not for whatever the page before the click showed.
    Eventually.awaitTrue(
        "the folder to be marked read",
        PATIENCE,
        () ->
            browser.has(".flash")
                && browser.text(".flash").contains("5 notifications marked read"));
    assertEquals(0, browser.all("tr.notification.unread").size());

    String victim = inbox.get(0);
    browser.click("#select-" + victim).click("#delete-selected");
    Eventually.awaitTrue(
        "the notification to be deleted",
        PATIENCE,
        () -> browser.has(".flash") && browser.text(".flash").contains("1 notification deleted"));
    Set<String> left = rowIds(browser);
    assertFalse(left.contains(victim), "the deleted one is gone");
    assertEquals(4, left.size());
    assertEquals(4, upstreamSizes(token).getInt("inbox"), "deleted upstream too");
  }

  @Test
  void emptyTheArchiveAfterAConfirmation() {
    String token = newToken();
    List<String> archive = add(token, 3, 1, "archived");
    Browser browser = browser();
    signUp(browser, "archivist");
    saveToken(browser, token);

    Eventually.awaitTrue(
        "the archive to load",
        PATIENCE,
        () -> rowIds(browser.open("/notifications?folder=1")).equals(Set.copyOf(archive)));
    assertEquals("3", browser.text("#count-archive"));
    browser.click("#empty-folder").await("#confirm-empty", PATIENCE);
    assertTrue(browser.text("#confirm-question").contains("3"), browser.text("#confirm-question"));
    browser.click("#confirm-empty").await(".flash", PATIENCE);
    assertTrue(
        browser.text(".flash").contains("Archived emptied: 3 notifications deleted"),
        browser.text(".flash"));
    assertTrue(browser.has("#empty-state"), "the archive shows empty");
    assertEquals(0, upstreamSizes(token).getInt("archive"));
  }

  @Test
  void aDisabledButtonLooksDisabled() {
    String token = newToken();
    add(token, 1, 0, "cares");
    Browser browser = browser();
    signUp(browser, "tidy");
    saveToken(browser, token);

    // The archive is empty: there is nothing to empty, and the button must look it.
    Eventually.awaitTrue(
        "the empty archive to load",
        PATIENCE,
        () -> browser.open("/notifications?folder=1").has("#empty-folder"));
    assertTrue(browser.has("#empty-folder[disabled]"), "the button is disabled");
    assertEquals("not-allowed", style(browser, "#empty-folder", "cursor"));
    double disabled = Double.parseDouble(style(browser, "#empty-folder", "opacity"));
    assertTrue(disabled < 0.75, "a disabled button is faded, opacity " + disabled);

    // An enabled button beside it keeps its usual look.
    assertFalse(browser.has("#filter-apply[disabled]"));
    assertEquals("pointer", style(browser, "#filter-apply", "cursor"));
    assertEquals("1", style(browser, "#filter-apply", "opacity"));
  }

  @Test
  void anotherUserSeesOnlyTheirOwnNotifications() {
    String aliceToken = newToken();
    String bobToken = newToken();
    List<String> aliceInbox = add(aliceToken, 3, 0, "cares");
    List<String> bobInbox = add(bobToken, 2, 0, "bobs friend");
    Browser alice = browser();
    signUp(alice, "alice");
    saveToken(alice, aliceToken);

    Browser bob = browser();
    signUp(bob, "bob");
    bob.open("/notifications").await("#no-token", PATIENCE);
    saveToken(bob, bobToken);
    bob.open("/notifications").await("tr.notification", PATIENCE);
    assertEquals(Set.copyOf(bobInbox), rowIds(bob));
    for (String id : aliceInbox) {
      assertFalse(bob.source().contains(id), "Bob's page shows nothing of Alice's");
    }

    // The REST proxy, called with a session instead of a token, answers as that session's user.
    String bobs =
        send("GET", root() + "/api/notifications/search/v1", bob.cookie(SESSION), null, null)
            .body();
    String alices =
        send("GET", root() + "/api/notifications/search/v1", alice.cookie(SESSION), null, null)
            .body();
    bobInbox.forEach(id -> assertTrue(bobs.contains(id), bobs));
    bobInbox.forEach(id -> assertFalse(alices.contains(id), alices));
    aliceInbox.forEach(id -> assertTrue(alices.contains(id), alices));
  }

  @Test
  void aStateChangingRequestWithoutTheCsrfTokenIsRefused() {
    String token = newToken();
    List<String> inbox = add(token, 2, 0, "cares");
    Browser browser = browser();
    signUp(browser, "careful");
    saveToken(browser, token);

    browser.open("/settings").await("#token-hint", PATIENCE);
    String cookie = browser.cookie(SESSION);
    String form = "action=remove";
    HttpResponse<String> none = send("POST", root() + "/settings", cookie, form, null);
    assertEquals(403, none.statusCode(), none.body());
    HttpResponse<String> forged =
        send("POST", root() + "/settings", cookie, form + "&_csrf=forged", null);
    assertEquals(403, forged.statusCode(), forged.body());
    String id = inbox.get(0);
    HttpResponse<String> api =
        send("DELETE", root() + "/api/notifications/notification/v1?ids=" + id, cookie, null, null);
    assertEquals(403, api.statusCode(), api.body());
    assertTrue(api.body().contains("\"message\""), api.body());
    assertEquals(
        404,
        send("GET", root() + "/api/api/notifications/search/v1?token=" + token, null, null, null)
            .statusCode(),
        "the REST client's interface is no second route to upstream");
    assertEquals(2, upstreamSizes(token).getInt("inbox"), "nothing was deleted");
    assertTrue(browser.open("/settings").has("#token-hint"), "the token is still there");

    // The same request with the page's token goes through.
    HttpResponse<String> allowed =
        send(
            "DELETE",
            root() + "/api/notifications/notification/v1?ids=" + id,
            cookie,
            null,
            browser.csrf());
    assertEquals(200, allowed.statusCode(), allowed.body());
    assertEquals(1, upstreamSizes(token).getInt("inbox"));
  }

  @Test
  void aFailedLoginStillSendsProtectedPagesToTheLogin() {
    Http.Visitor stranger = new Http.Visitor(root());
    Http.Answer wrong =
        stranger.post("/login", "username", "nobody_here", "password", "wrong pw 1");
    assertEquals(401, wrong.status(), wrong.body());
    assertTrue(wrong.body().contains("id=\"login-error\""), wrong.body());
    for (String page : List.of("/settings", "/notifications?folder=1")) {
      Http.Answer protectedPage = stranger.get(page);
      assertEquals(303, protectedPage.status(), page + " answered: " + protectedPage.body());
      assertTrue(
          location(protectedPage).startsWith(root() + "/login?next="), location(protectedPage));
    }

    // Logged in, a failed login as someone else leaves nobody logged in: the password counts.
    String name = uniqueName("switcher");
    Http.Visitor user = registered(name);
    assertEquals(200, user.get("/settings").status());
    Http.Answer other = user.post("/login", "username", name + "x", "password", "wrong pw 1");
    assertEquals(401, other.status(), other.body());
    assertEquals(303, user.get("/settings").status());
    Http.Answer again = user.post("/login", "username", name, "password", PASSWORD);
    assertEquals(303, again.status(), again.body());
    assertEquals(200, user.get("/settings").status());
  }

  @Test
  void loggingInReturnsToThePageThatAskedForIt() {
    String name = uniqueName("returner");
    registered(name);

    Browser browser = browser().open("/notifications?folder=1");
    browser.await("#login-form", PATIENCE);
    logIn(browser, name);
    assertEquals("/notifications?folder=1", browser.path());
    assertTrue(browser.has("#no-token"), "the notifications page, logged in");

    // From a public page, the navigation's "Log in" comes back to it too.
    Browser another = browser().open("/status");
    another.await("#status-page", PATIENCE);
    another.click(".site-nav a[href*='/login']").await("#login-form", PATIENCE);
    logIn(another, name);
    assertEquals("/status", another.path());

    // Only to a path of this site, however it is written.
    for (String elsewhere :
        List.of(
            "//evil.example/",
            "/\\evil.example/",
            "https://evil.example/",
            "/%2F%2Fevil.example/",
            "/%5Cevil.example/",
            "/\t/evil.example/")) {
      Http.Visitor visitor = new Http.Visitor(root());
      Http.Answer login =
          visitor.post("/login", "username", name, "password", PASSWORD, "next", elsewhere);
      assertEquals(303, login.status(), login.body());
      assertEquals(root() + "/", location(login), "next=" + elsewhere);
    }
  }

  @Test
  void theRegisterPageIsNotOfferedToALoggedInUser() {
    Browser browser = browser();
    String name = signUp(browser, "member");
    assertFalse(browser.has(".site-nav a[href*='/register']"), "no Register in the navigation");
    browser.open("/register").await("#registered-already", PATIENCE);
    assertFalse(browser.has("#register-form"), "no registration form for a logged-in user");
    assertTrue(browser.text("#registered-already").contains(name));
    browser.open("/login").await("#login-form", PATIENCE);
    assertFalse(browser.has("main a[href*='/register']"), "no Register link on the login page");

    Http.Visitor member = registered(uniqueName("member"));
    String newcomer = uniqueName("newcomer");
    Http.Answer refused =
        member.post("/register", "username", newcomer, "password", PASSWORD, "repeat", PASSWORD);
    assertEquals(403, refused.status(), refused.body());
    Http.Answer login =
        new Http.Visitor(root()).post("/login", "username", newcomer, "password", PASSWORD);
    assertEquals(401, login.status(), "no account was made: " + login.body());
  }

  @Test
  void newListingsAppearLiveWithoutAReload() {
    Browser browser = browser().open("/?source=bptf");
    browser.await("#live-state[data-state=live]", PATIENCE);
    browser.script("document.body.dataset.itMarker = 'not reloaded';");
    Set<String> initial = rowIds(browser);
    String added =
        Eventually.await(
            "a new listing to appear live",
            PATIENCE,
            () ->
                rowIds(browser).stream()
                    .filter(id -> !initial.contains(id))
                    .findFirst()
                    .orElse(null));
    assertNotNull(added);
    assertEquals("not reloaded", browser.script("return document.body.dataset.itMarker;"));
  }

  @Test
  void deletedListingsDisappearLiveWithoutAReload() {
    // Sorted by price, nothing new is inserted on the page, so a row goes only when it is removed.
    Browser browser = browser().open("/?source=bptf&sort=value");
    browser.await("#live-state[data-state=live]", PATIENCE);
    browser.script("document.body.dataset.itMarker = 'not reloaded';");
    Set<String> initial = rowIds(browser);
    assertFalse(initial.isEmpty(), "the page lists bptf listings");
    String removed =
        Eventually.await(
            "a listing on the page to be deleted and disappear",
            PATIENCE,
            () -> {
              Set<String> now = rowIds(browser);
              return initial.stream()
                  .filter(id -> !now.contains(id))
                  .filter(id -> deletedInStore("bptf", id))
                  .findFirst()
                  .orElse(null);
            });
    assertNotNull(removed);
    assertEquals("not reloaded", browser.script("return document.body.dataset.itMarker;"));
  }

  @Test
  void aListingShowsItsHistoryAndChartAndTheStatusPageItsStreams() {
    Browser browser = browser().open("/?source=bptf");
    // The live table replaces its rows as listings change: read the link whole in one go.
    String href =
        browser.awaitAttribute("tr[data-id] a[href*='/listings/bptf/']", "href", PATIENCE);
    browser.open(href.substring(href.indexOf("/listings/")));
    browser.await("#history-table tr.history-row", PATIENCE);
    // The chart script shows its figure only once Chart.js (served from the WAR) has drawn.
    browser.await("#price-chart-figure:not([hidden]) canvas#price-chart", PATIENCE);

    browser.open("/status").await("#streams-table tr.stream-row[data-source=bptf]", PATIENCE);
    browser.await("#rate-chart-figure:not([hidden]) canvas#rate-chart", PATIENCE);
  }

  @Test
  void aListingPageIsOneDocumentWithNothingAfterIt() {
    JsonObject listing =
        Eventually.await(
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
    Http.Answer page =
        new Http.Visitor(root())
            .get(
                "/listings/bptf/"
                    + URLEncoder.encode(listing.getString("id"), StandardCharsets.UTF_8));
    assertEquals(200, page.status(), page.body());
    String body = page.body().strip();
    assertTrue(body.endsWith("</html>"), "the page ends with its document: ..." + tail(body));
    assertEquals(1, body.split("</html>", -1).length - 1, "one document");
    assertTrue(body.contains("id=\"detail-deleted\""), "the details are there");
  }

  @Test
  void pagingNeverOffersANextPastTheLastPageAndLeadsBackToIt() {
    Eventually.awaitTrue(
        "listings to be stored",
        PATIENCE,
        () ->
            Http.get(root() + "/api/listings?limit=1").object().getJsonNumber("total").longValue()
                > 0);
    Http.Visitor visitor = new Http.Visitor(root());
    Http.Answer beyond = visitor.get("/?page=999999");
    assertEquals(200, beyond.status(), beyond.body());
    assertFalse(beyond.body().contains("id=\"page-next\""), "no Next past the last page");
    assertTrue(beyond.body().contains("id=\"past-the-end\""), "says the page is past the end");
    Matcher toLast = Pattern.compile("id=\"go-to-last\" href=\"([^\"]+)\"").matcher(beyond.body());
    if (toLast.find()) {
      // Counted exactly: the link leads to the last page, which has listings and no Next.
      // The link carries the context path; the visitor adds it.
      String href = toLast.group(1).replace("&amp;", "&");
      String context = contextPath();
      Http.Answer last =
          visitor.get(href.startsWith(context) ? href.substring(context.length()) : href);
      assertEquals(200, last.status(), last.body());
      assertTrue(last.body().contains("class=\"listing-row\""), "the last page lists listings");
      assertFalse(last.body().contains("id=\"past-the-end\""), last.body());
    } else {
      // Not counted to the end: the last page cannot be named, the first page can.
      assertTrue(beyond.body().contains("id=\"go-to-first\""), beyond.body());
    }

    JsonObject count = Http.get(root() + "/api/listings?limit=1").object();
    Http.Answer first = visitor.get("/");
    if (count.getBoolean("totalExact") && count.getJsonNumber("total").longValue() > 150) {
      assertTrue(first.body().contains("id=\"page-last\""), "a way to the last page");
    }
    if (count.getJsonNumber("total").longValue() > 60) {
      assertTrue(first.body().contains("id=\"page-next\""), "a full first page has a Next");
    }
  }

  @Test
  void errorsGetTheSitesOwnPagesAndJsonUnderTheApi() {
    Http.Visitor visitor = new Http.Visitor(root());
    assertOwnErrorPage(visitor.get("/nonexistent"), 404, "Not found");
    assertOwnErrorPage(visitor.get("/static/nope.js"), 404, "Not found");
    assertOwnErrorPage(visitor.get("/logout"), 405, "Not a page to visit");
    Http.Answer failure = visitor.get(FailingServlet.PAGE);
    assertOwnErrorPage(failure, 500, "Something went wrong");
    assertFalse(failure.body().contains("IllegalStateException"), "no exception shown");
    assertFalse(failure.body().contains("on purpose"), "no exception message shown");

    Http.Answer missing = visitor.get("/api/nope");
    assertEquals(404, missing.status(), missing.body());
    assertTrue(missing.header("Content-Type").startsWith("application/json"), missing.body());
    assertTrue(missing.object().containsKey("message"), missing.body());
    Http.Answer apiFailure = visitor.get(FailingServlet.API);
    assertEquals(500, apiFailure.status(), apiFailure.body());
    assertTrue(apiFailure.header("Content-Type").startsWith("application/json"), apiFailure.body());
    assertTrue(apiFailure.object().getString("message").contains("internal error"));
    assertFalse(apiFailure.body().contains("on purpose"), "no exception message shown");
  }

  @Test
  void loggingOutEndsTheSession() {
    Browser browser = browser();
    signUp(browser, "leaver");
    browser.open("/settings").click(".site-nav form button").await("a[href$='/login']", PATIENCE);
    assertFalse(browser.has(".site-nav .user"), "logged out");
    browser.open("/notifications").await("#login-form", PATIENCE);
    assertTrue(browser.path().startsWith("/login"), browser.path());
  }

  @Test
  void theTokenIsNeitherLoggedNorStoredInClear() throws IOException {
    String name = uniqueName("keeper");
    String token = newToken();
    add(token, 1, 0, "cares");
    Http.Visitor user = registered(name);
    Http.Answer saved = user.post("/settings", "action", "save", "token", token);
    assertEquals(303, saved.status(), saved.body());

    Path target = Path.of(System.getProperty("tradewatch.war")).getParent();
    Path database = target.resolve("it-db").resolve("tradewatch.mv.db");
    // H2 writes its file a moment after a commit: wait until the account is in it, then look.
    String raw =
        Eventually.await(
            "the account to reach the database file",
            PATIENCE,
            () -> {
              try {
                String text = new String(Files.readAllBytes(database), StandardCharsets.ISO_8859_1);
                return text.contains(name.toLowerCase()) ? text : null;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    // Payara names the log it-server.log, or it-server.log.0, .1 ... once it rotates.
    List<Path> logs;
    try (var files = Files.list(target)) {
      logs = files.filter(f -> f.getFileName().toString().startsWith("it-server.log")).toList();
    }
    assertFalse(logs.isEmpty(), "no server log in " + target);
    for (String secret : TOKENS) {
      assertFalse(raw.contains(secret), "a token is in the database file");
    }
    for (Path log : logs) {
      String text = Files.readString(log, StandardCharsets.ISO_8859_1);
      for (String secret : TOKENS) {
        assertFalse(text.contains(secret), "a token is in " + log);
      }
    }
  }

  /** Registers a new account through the form in {@code browser}, which is then logged in. */
  private String signUp(Browser browser, String prefix) {
    String name = uniqueName(prefix);
    browser.open("/register").await("#register-form", PATIENCE);
    browser.type("#username", name).type("#password", PASSWORD).type("#repeat", PASSWORD);
    browser.click("#register-form button[type=submit]").await(".site-nav .user", PATIENCE);
    assertEquals(name, browser.text(".site-nav .user"));
    return name;
  }

  /** Fills the login form on the current page and waits to be logged in. */
  private static void logIn(Browser browser, String name) {
    browser.type("#username", name).type("#password", PASSWORD);
    browser.click("#login-form button[type=submit]").await(".site-nav .user", PATIENCE);
  }

  private static void saveToken(Browser browser, String token) {
    browser.open("/settings").await("#token-form", PATIENCE);
    browser.type("#token", token).click("#token-form button[type=submit]");
    browser.await("#token-hint", PATIENCE);
  }

  /** A new account registered without a browser; the visitor is logged in as it. */
  private Http.Visitor registered(String name) {
    Http.Visitor visitor = new Http.Visitor(root());
    Http.Answer answer =
        visitor.post("/register", "username", name, "password", PASSWORD, "repeat", PASSWORD);
    assertEquals(303, answer.status(), answer.body());
    return visitor;
  }

  private void assertOwnErrorPage(Http.Answer answer, int status, String heading) {
    assertEquals(status, answer.status(), answer.body());
    assertTrue(
        answer.header("Content-Type").startsWith("text/html"), answer.header("Content-Type"));
    assertTrue(
        answer.body().contains("<title>" + heading + " · Tradewatch</title>"), answer.body());
    assertTrue(answer.body().contains("class=\"site-nav\""), "in the site's layout");
    assertTrue(answer.body().contains("id=\"error-message\""), answer.body());
    assertNotNull(answer.header("Content-Security-Policy"), "with the security headers");
  }

  /** The Location of a redirect, resolved against the site. */
  private String location(Http.Answer answer) {
    String location = answer.header("Location");
    assertNotNull(location, "a redirect: " + answer.status() + " " + answer.body());
    return URI.create(root() + "/").resolve(location).toString();
  }

  private static String style(Browser browser, String css, String property) {
    return String.valueOf(
        browser.script(
            "return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]];",
            css,
            property));
  }

  private static String tail(String text) {
    return text.substring(Math.max(0, text.length() - 200));
  }

  /**
   * The ids of the rows on the page, read in one script so that a live update cannot interleave.
   */
  private static Set<String> rowIds(Browser browser) {
    Object ids =
        browser.script(
            "return Array.from(document.querySelectorAll('tr[data-id]'), r => r.dataset.id);");
    return ((List<?>) ids)
        .stream().map(String::valueOf).collect(Collectors.toCollection(HashSet::new));
  }

  private boolean deletedInStore(String source, String id) {
    Http.Answer answer = Http.get(root() + "/api/listings/" + source + "/" + id);
    if (answer.status() != 200) {
      return false;
    }
    JsonObject listing = answer.object();
    JsonObject item = listing.containsKey("listing") ? listing.getJsonObject("listing") : listing;
    return item.containsKey("deletedAt") && item.get("deletedAt") != JsonValue.NULL;
  }

  private static List<String> add(String token, int count, int folder, String name) {
    Http.Answer answer =
        Http.post(
            control
                + "/add?token="
                + token
                + "&count="
                + count
                + "&type=11&unread=true&folder="
                + folder
                + "&name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8));
    assertEquals(200, answer.status(), answer.body());
    return answer.object().getJsonArray("ids").getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .collect(Collectors.toList());
  }

  private static JsonObject upstreamSizes(String token) {
    return Http.get(control + "/stats").object().getJsonObject("inboxes").getJsonObject(token);
  }

  private static HttpResponse<String> send(
      String method, String url, String session, String form, String csrfHeader) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (session != null) {
      request.header("Cookie", SESSION + "=" + session);
    }
    if (csrfHeader != null) {
      request.header("X-CSRF-Token", csrfHeader);
    }
    if (form != null) {
      request.header("Content-Type", "application/x-www-form-urlencoded");
      request.method(method, HttpRequest.BodyPublishers.ofString(form));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A username no other test uses: the prefix and a random suffix. */
  private static String uniqueName(String prefix) {
    return prefix + "_" + Integer.toHexString(RANDOM.nextInt(1 << 24));
  }

  /** A new backpack.tf token, remembered so that the last test can look for it. */
  private static String newToken() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    TOKENS.add(token);
    return token;
  }
}
