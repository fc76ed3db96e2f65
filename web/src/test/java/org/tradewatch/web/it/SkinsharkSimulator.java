package org.tradewatch.web.it;

import jakarta.json.JsonObject;
import java.time.Duration;

/** The simulator's skinshark control API, as the tests use it. */
final class SkinsharkSimulator {

  private final String control;

  SkinsharkSimulator() {
    String port = System.getProperty("simulator.port");
    if (port == null) {
      throw new IllegalStateException("simulator.port is not set; run the tests through Maven");
    }
    this.control = "http://127.0.0.1:" + port + "/control/skinshark";
  }

  SkinsharkSimulator awaitUp() {
    Eventually.awaitTrue(
        "the simulator to answer",
        Duration.ofMinutes(3),
        () -> Http.get(control + "/stats").status() == 200);
    return this;
  }

  JsonObject stats() {
    return ok(Http.get(control + "/stats"));
  }

  JsonObject feed(String subUser) {
    return ok(Http.get(control + "/feed?subUser=" + subUser));
  }

  JsonObject post(String pathAndQuery) {
    return ok(Http.post(control + "/" + pathAndQuery));
  }

  private static JsonObject ok(Http.Answer answer) {
    if (answer.status() != 200) {
      throw new AssertionError("simulator answered " + answer.status() + ": " + answer.body());
    }
    return answer.object();
  }
}
