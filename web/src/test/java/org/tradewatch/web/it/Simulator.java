package org.tradewatch.web.it;

import jakarta.json.JsonObject;
import java.time.Duration;

/**
 * The simulator's control API of one market (backpack.tf's unless said), as the tests use it. The
 * build starts the simulator on {@code simulator.port}.
 */
final class Simulator {

  private final String control;

  /** backpack.tf's events stream. */
  Simulator() {
    this("bptf");
  }

  private Simulator(String market) {
    if (System.getProperty("simulator.port") == null) {
      throw new IllegalStateException("simulator.port is not set; run the tests through Maven");
    }
    this.control = DeployedIT.simulator("/control/" + market);
  }

  /** skinshark's live market. */
  static Simulator skinshark() {
    return new Simulator("skinshark");
  }

  /** Waits for the simulator's own Payara Micro, started by the build beside this one. */
  Simulator awaitUp() {
    Eventually.awaitTrue(
        "the simulator to answer",
        Duration.ofMinutes(3),
        () -> Http.get(control + "/stats").status() == 200);
    return this;
  }

  JsonObject stats() {
    return ok(get("/stats"));
  }

  JsonObject configure(String query) {
    return ok(Http.post(control + "/config?" + query));
  }

  JsonObject pause() {
    return ok(Http.post(control + "/pause"));
  }

  JsonObject resume() {
    return ok(Http.post(control + "/resume"));
  }

  JsonObject drop() {
    return ok(Http.post(control + "/drop?code=1012"));
  }

  /** Closes every connection with 1012 and refuses handshakes (503) for {@code downMillis}. */
  JsonObject restart(long downMillis) {
    return ok(Http.post(control + "/restart?downMillis=" + downMillis));
  }

  /**
   * Starts a series of {@code times} restarts, each down for {@code downMillis} and followed by
   * {@code upMillis} up; answers the series as {@link #restartSeries} does.
   */
  JsonObject restarts(int times, long upMillis, long downMillis) {
    return ok(
        Http.post(
            control
                + "/restarts?times="
                + times
                + "&upMillis="
                + upMillis
                + "&downMillis="
                + downMillis));
  }

  /**
   * The last restart series: {@code done}, {@code running}, {@code elapsedMillis}, {@code
   * connectedMillis}.
   */
  JsonObject restartSeries() {
    return ok(get("/restarts"));
  }

  JsonObject malformed(String kind) {
    return ok(Http.post(control + "/malformed?kind=" + kind));
  }

  /**
   * Closes the deal of the live sell listing {@code listing} now: {@code how} is {@code delete} or
   * {@code reprice}. Answered as it came, since a listing the market has let go of answers 404 and
   * a key 409, and a test then tries another.
   */
  Http.Answer closeDeal(String listing, String how) {
    return Http.post(
        control
            + "/close-deal?listing="
            + java.net.URLEncoder.encode(listing, java.nio.charset.StandardCharsets.UTF_8)
            + "&how="
            + how);
  }

  /** skinshark: the sub-user's current feed. */
  JsonObject feed(String subUser) {
    return ok(get("/feed?subUser=" + subUser));
  }

  /** Any control command: {@code post("config?eventsPerSecond=20")}. */
  JsonObject post(String pathAndQuery) {
    return ok(Http.post(control + "/" + pathAndQuery));
  }

  /**
   * A read of the control API, asked again (up to three times) when it answers 5xx: while the
   * stream plays restarts, the simulator's Payara Micro has now and then failed a read with a
   * container error ("getOutputStream() has already been called"), which is the stand-in's trouble,
   * not the behaviour under test. Reads only: a command is never repeated.
   */
  private Http.Answer get(String pathAndQuery) {
    Http.Answer answer = Http.get(control + pathAndQuery);
    for (int attempt = 1; attempt < 3 && answer.status() >= 500; attempt++) {
      answer = Http.get(control + pathAndQuery);
    }
    return answer;
  }

  private static JsonObject ok(Http.Answer answer) {
    if (answer.status() != 200) {
      throw new AssertionError("simulator answered " + answer.status() + ": " + answer.body());
    }
    return answer.object();
  }
}
