package org.tradewatch.simulator.bptf.control;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tradewatch.simulator.bptf.market.EventClock;
import org.tradewatch.simulator.bptf.stream.BptfStream;
import org.tradewatch.simulator.bptf.stream.BptfStreamService;
import org.tradewatch.simulator.bptf.stream.InvalidSettingException;
import org.tradewatch.simulator.bptf.stream.MalformedFrame;
import org.tradewatch.simulator.bptf.stream.MalformedKind;
import org.tradewatch.simulator.bptf.stream.MalformedVariant;
import org.tradewatch.simulator.bptf.stream.StreamSettings;
import org.tradewatch.simulator.bptf.stream.StreamStats;
import org.tradewatch.simulator.control.ControlException;

/**
 * Controls the events stream under {@code /control/bptf}. Parameters are query parameters; every
 * answer is JSON. Unknown parameters are refused so that a typo never passes silently.
 */
@Path("bptf")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BptfControlResource {
  private static final Set<String> CONFIG_PARAMETERS =
      Set.of("seed", "eventsPerSecond", "frameSize", "total", "clock", "clockStart", "restart");

  @Inject BptfStreamService service;

  @Context UriInfo uri;

  /** What has been sent, and the set-up in force. */
  @GET
  @Path("stats")
  public String stats() {
    allowOnly(Set.of());
    return statsJson(stream().stats()).toString();
  }

  /** The set-up in force. */
  @GET
  @Path("config")
  public String config() {
    allowOnly(Set.of());
    return settingsJson(stream().settings()).toString();
  }

  /**
   * Changes the set-up. Parameters left out keep their value. By default the sequence restarts from
   * the seed and the counters are reset; {@code restart=false} changes only the pace, the frame
   * size and the total, keeping the sequence and the counters.
   */
  @POST
  @Path("config")
  public String reconfigure() {
    allowOnly(CONFIG_PARAMETERS);
    StreamSettings current = stream().settings();
    boolean restart = booleanParameter("restart", true);
    try {
      StreamSettings next =
          new StreamSettings(
              longParameter("seed", current.seed()),
              (int) longParameter("eventsPerSecond", current.eventsPerSecond()),
              (int) longParameter("frameSize", current.frameSize()),
              longParameter("total", current.total()),
              clockParameter(current.clock()),
              longParameter("clockStart", current.clockStart()));
      stream().reconfigure(next, restart);
    } catch (InvalidSettingException e) {
      throw new ControlException(400, e.getMessage());
    }
    return statsJson(stream().stats()).toString();
  }

  /** Stops generating; connections stay open. */
  @POST
  @Path("pause")
  public String pause() {
    allowOnly(Set.of());
    stream().pause();
    return statsJson(stream().stats()).toString();
  }

  /** Resumes generating. */
  @POST
  @Path("resume")
  public String resume() {
    allowOnly(Set.of());
    stream().resume();
    return statsJson(stream().stats()).toString();
  }

  /**
   * Waits for the next regular frame to be written and answers when it was and which of its events
   * stays visible (the last update no later event of the frame undoes), so that a benchmark can
   * time how long the change takes to show: 409 with no client, 504 when no such frame is written
   * within {@code timeoutSeconds} (default 10). With {@code kind=bargain}, the frame's last new
   * sell listing priced well under its item's value, for timing deals.
   */
  @POST
  @Path("probe")
  public String probe() {
    allowOnly(Set.of("timeoutSeconds", "kind"));
    long timeout = longParameter("timeoutSeconds", 10);
    if (timeout < 1 || timeout > 300) {
      throw new ControlException(400, "timeoutSeconds must be 1 to 300, got " + timeout);
    }
    String kind = uri.getQueryParameters().containsKey("kind") ? single("kind") : "update";
    if (!kind.equals("update") && !kind.equals("bargain")) {
      throw new ControlException(400, "kind must be update or bargain, got '" + kind + "'");
    }
    CompletableFuture<BptfStream.FrameProbe> probe;
    try {
      probe = stream().probeNextFrame(kind.equals("bargain"));
    } catch (IllegalStateException e) {
      throw new ControlException(409, e.getMessage());
    }
    try {
      BptfStream.FrameProbe sent = probe.get(timeout, TimeUnit.SECONDS);
      return Json.createObjectBuilder()
          .add("eventId", sent.eventId())
          .add("listingId", sent.listingId())
          .add("sentAt", sent.sentAt().toString())
          .add(
              "sentAtMicros",
              sent.sentAt().getEpochSecond() * 1_000_000L + sent.sentAt().getNano() / 1_000)
          .add("frameEvents", sent.frameEvents())
          .build()
          .toString();
    } catch (TimeoutException e) {
      probe.cancel(false);
      throw new ControlException(
          504, "no frame with a visible " + kind + " was written within " + timeout + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlException(503, "interrupted while waiting for a frame");
    } catch (ExecutionException e) {
      throw new ControlException(500, "the probe failed: " + e.getCause());
    }
  }

  /**
   * Closes the deal of the live sell listing {@code listing} on demand, so that a test can watch a
   * named deal close: {@code how=delete} (default) writes its {@code listing-delete}, {@code
   * how=reprice} a {@code listing-update} pricing it a fifth over its item's value and best buy
   * order; the market never changes the listing again. The event goes to every connection between
   * two regular frames, paused or not. 400 without {@code listing} or for a buy order, 404 when the
   * market has no such live listing (it went, or was never one), 409 with no client, once the total
   * is reached, or when the listing cannot be priced out of being a deal (a key).
   */
  @POST
  @Path("close-deal")
  public String closeDeal() {
    allowOnly(Set.of("listing", "how"));
    if (!uri.getQueryParameters().containsKey("listing")) {
      throw new ControlException(400, "listing is required: the id of a live sell listing");
    }
    String listing = single("listing");
    String how = uri.getQueryParameters().containsKey("how") ? single("how") : "delete";
    if (!how.equals("delete") && !how.equals("reprice")) {
      throw new ControlException(400, "how must be delete or reprice, got '" + how + "'");
    }
    BptfStream.ControlEvent sent;
    try {
      sent = stream().closeDeal(listing, how.equals("delete"));
    } catch (NoSuchElementException e) {
      throw new ControlException(404, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ControlException(400, e.getMessage());
    } catch (IllegalStateException e) {
      throw new ControlException(409, e.getMessage());
    }
    return Json.createObjectBuilder()
        .add("eventId", sent.eventId())
        .add("listingId", sent.listingId())
        .add("event", sent.event())
        .add("sentAt", sent.sentAt().toString())
        .add("connections", sent.connections())
        .build()
        .toString();
  }

  /** Closes every connection as an upstream restart does: {@code code} 1012 (default) or 1001. */
  @POST
  @Path("drop")
  public String drop() {
    allowOnly(Set.of("code"));
    long code = longParameter("code", 1012);
    if (code != 1012 && code != 1001) {
      throw new ControlException(400, "code must be 1012 or 1001, got " + code);
    }
    int closed = stream().dropAll((int) code, code == 1012 ? "service restart" : "going away");
    return Json.createObjectBuilder()
        .add("closedConnections", closed)
        .add("code", code)
        .build()
        .toString();
  }

  /**
   * Restarts as upstream may at any moment: closes every connection with 1012 and refuses every
   * handshake with 503 for {@code downMillis} (default 1000).
   */
  @POST
  @Path("restart")
  public String restart() {
    allowOnly(Set.of("downMillis"));
    long down = longParameter("downMillis", 1000);
    int closed;
    try {
      closed = stream().restart(down);
    } catch (InvalidSettingException e) {
      throw new ControlException(400, e.getMessage());
    }
    return Json.createObjectBuilder()
        .add("closedConnections", closed)
        .add("code", BptfStream.CLOSE_SERVICE_RESTART)
        .add("downMillis", down)
        .build()
        .toString();
  }

  /**
   * Starts a series of {@code times} restarts, one every {@code upMillis} + {@code downMillis}
   * (defaults 5000 and 1000), replacing a series in progress; {@code times=0} only stops one.
   * Answers the series as {@code GET restarts} does.
   */
  @POST
  @Path("restarts")
  public String restarts() {
    allowOnly(Set.of("times", "upMillis", "downMillis"));
    if (!uri.getQueryParameters().containsKey("times")) {
      throw new ControlException(400, "times is required: restarts in the series, 0 to stop one");
    }
    try {
      return restartsJson(
              stream()
                  .startRestarts(
                      (int) longParameter("times", 0),
                      longParameter("upMillis", 5000),
                      longParameter("downMillis", 1000)))
          .toString();
    } catch (InvalidSettingException e) {
      throw new ControlException(400, e.getMessage());
    }
  }

  /** The last restart series: set-up, progress, and how long a client was connected during it. */
  @GET
  @Path("restarts")
  public String restartSeries() {
    allowOnly(Set.of());
    return restartsJson(stream().restartStats()).toString();
  }

  /**
   * Writes one malformed frame to every connection: {@code kind=json} (broken JSON text) or {@code
   * kind=event} (a valid array with exactly one malformed event; {@code variant} says how).
   */
  @POST
  @Path("malformed")
  public String malformed() {
    allowOnly(Set.of("kind", "variant"));
    String kindText = uri.getQueryParameters().getFirst("kind");
    if (kindText == null) {
      throw new ControlException(400, "kind is required: 'json' or 'event'");
    }
    MalformedFrame frame;
    try {
      MalformedKind kind = MalformedKind.parse(kindText);
      String variantText = uri.getQueryParameters().getFirst("variant");
      MalformedVariant variant =
          variantText == null
              ? MalformedVariant.PAYLOAD_NOT_OBJECT
              : MalformedVariant.parse(variantText);
      if (kind == MalformedKind.JSON && variantText != null) {
        throw new InvalidSettingException("variant", "applies only to kind=event");
      }
      frame = stream().sendMalformed(kind, variant);
    } catch (InvalidSettingException e) {
      throw new ControlException(400, e.getMessage());
    } catch (IllegalStateException e) {
      throw new ControlException(409, e.getMessage());
    }
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("kind", frame.kind().label())
            .add("validEvents", frame.validEvents())
            .add("malformedIndex", frame.malformedIndex())
            .add("connections", frame.connections())
            .add("text", frame.text());
    if (frame.variant() == null) {
      json.addNull("variant");
    } else {
      json.add("variant", frame.variant().label());
    }
    return json.build().toString();
  }

  private BptfStream stream() {
    return service.stream();
  }

  private void allowOnly(Set<String> allowed) {
    for (String name : uri.getQueryParameters().keySet()) {
      if (!allowed.contains(name)) {
        throw new ControlException(
            400,
            name
                + " is not a parameter here"
                + (allowed.isEmpty()
                    ? ""
                    : "; known: " + String.join(", ", allowed.stream().sorted().toList())));
      }
    }
  }

  private String single(String name) {
    MultivaluedMap<String, String> parameters = uri.getQueryParameters();
    if (parameters.get(name).size() > 1) {
      throw new ControlException(400, name + " is given more than once");
    }
    return parameters.getFirst(name).trim();
  }

  private long longParameter(String name, long fallback) {
    if (!uri.getQueryParameters().containsKey(name)) {
      return fallback;
    }
    String text = single(name);
    try {
      long value = Long.parseLong(text);
      if (!"seed".equals(name)
          && !"total".equals(name)
          && !"clockStart".equals(name)
          && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
        throw new ControlException(400, name + " is out of range: '" + text + "'");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ControlException(400, name + " must be a whole number, got '" + text + "'");
    }
  }

  private boolean booleanParameter(String name, boolean fallback) {
    if (!uri.getQueryParameters().containsKey(name)) {
      return fallback;
    }
    String text = single(name);
    if ("true".equalsIgnoreCase(text)) {
      return true;
    }
    if ("false".equalsIgnoreCase(text)) {
      return false;
    }
    throw new ControlException(400, name + " must be true or false, got '" + text + "'");
  }

  private EventClock.Kind clockParameter(EventClock.Kind fallback) {
    if (!uri.getQueryParameters().containsKey("clock")) {
      return fallback;
    }
    try {
      return EventClock.Kind.parse(single("clock"));
    } catch (IllegalArgumentException e) {
      throw new ControlException(400, "clock " + e.getMessage());
    }
  }

  static JsonObject statsJson(StreamStats stats) {
    JsonObjectBuilder byType = Json.createObjectBuilder();
    for (Map.Entry<String, Long> entry : stats.eventsByType().entrySet()) {
      byType.add(entry.getKey(), entry.getValue());
    }
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("framesSent", stats.framesSent())
            .add("eventsSent", stats.eventsSent())
            .add("malformedFramesSent", stats.malformedFramesSent())
            .add("eventsByType", byType);
    if (stats.lastEventId() == null) {
      json.addNull("lastEventId").addNull("lastListingId");
    } else {
      json.add("lastEventId", stats.lastEventId()).add("lastListingId", stats.lastListingId());
    }
    return json.add("streamEvents", stats.streamEvents())
        .add("openConnections", stats.openConnections())
        .add("connectionsAccepted", stats.connectionsAccepted())
        .add("connectionsRefused", stats.connectionsRefused())
        .add("handshakesRefused", stats.handshakesRefused())
        .add("paused", stats.paused())
        .add("completed", stats.completed())
        .add("config", settingsJson(stats.settings()))
        .build();
  }

  static JsonObject restartsJson(BptfStream.RestartStats series) {
    return Json.createObjectBuilder()
        .add("times", series.times())
        .add("upMillis", series.upMillis())
        .add("downMillis", series.downMillis())
        .add("done", series.done())
        .add("running", series.running())
        .add("elapsedMillis", series.elapsedMillis())
        .add("connectedMillis", series.connectedMillis())
        .build();
  }

  static JsonObject settingsJson(StreamSettings settings) {
    return Json.createObjectBuilder()
        .add("seed", settings.seed())
        .add("eventsPerSecond", settings.eventsPerSecond())
        .add("frameSize", settings.frameSize())
        .add("total", settings.total())
        .add("clock", settings.clock().label())
        .add("clockStart", settings.clockStart())
        .build();
  }
}
