package org.tradewatch.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * An integration test that drives pages in headless Chromium. Browsers are reused from test to
 * test, reset in between (starting Chromium costs more than most tests), and after each test no
 * page may have broken its Content-Security-Policy.
 */
abstract class BrowserIT extends DeployedIT {

  /** Browsers no test is using, reset so that none carries anything of the test before. */
  private static final Deque<Browser> IDLE = new ArrayDeque<>();

  /** The browsers this test uses; reset (or closed) after it. */
  private final List<Browser> browsers = new ArrayList<>();

  /** A browser as good as new, for this test only. */
  Browser browser() {
    Browser browser = IDLE.isEmpty() ? new Browser(root()) : IDLE.pop();
    browsers.add(browser);
    return browser;
  }

  /**
   * Reads the consoles of this test's browsers and resets them for the next test; a browser that
   * cannot be reset is closed.
   */
  @AfterEach
  void checkTheConsolesAndResetTheBrowsers() {
    List<String> violations = new ArrayList<>();
    for (Browser browser : browsers) {
      try {
        browser.console().stream()
            .filter(line -> line.contains("Content Security Policy") || line.contains("Refused to"))
            .forEach(violations::add);
        browser.reset();
        IDLE.push(browser);
      } catch (RuntimeException e) {
        browser.close();
      }
    }
    browsers.clear();
    assertEquals(List.of(), violations, "CSP violations in the browser console");
  }

  @AfterAll
  static void closeTheBrowsers() {
    while (!IDLE.isEmpty()) {
      IDLE.pop().close();
    }
  }
}
