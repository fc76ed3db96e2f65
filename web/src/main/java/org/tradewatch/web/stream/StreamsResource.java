package org.tradewatch.web.stream;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tradewatch.core.cluster.LeaseView;
import org.tradewatch.core.status.EventRate;

/** The state of every upstream stream this instance runs. */
@Path("streams")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class StreamsResource {

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  @Inject StreamRegistry registry;
  @Inject ConsumerLeases leases;

  @GET
  @Operation(
      summary = "Each stream's state and counters",
      description =
          "state is connecting, connected, backing-off or stopped; eventsPerSecond is over the"
              + " last minute; queueDepth and lagMillis show how far the store is behind;"
              + " appliedPerSecond is {from, values}: the events applied in each complete second"
              + " of the last ten minutes (at most), values[0] being epoch second from. In a"
              + " cluster one instance runs each source's consumer: consumer names it (instance,"
              + " here on that one; state is standby on the others) and lastTakeover the latest"
              + " change of instance, with gapMillis from the old one's last write to the new"
              + " one's first. eventsApplied, eventsSkipped, eventsIgnored, reconnects and"
              + " quarantined are lifetime counts, kept across restarts (on a standby instance,"
              + " those the running one saved); framesReceived and skippedSinceStart count what"
              + " this instance saw since it started. /metrics has this instance's counts as"
              + " tradewatch_stream_* metrics.")
  public JsonArray streams() {
    JsonArrayBuilder array = JSON.createArrayBuilder();
    for (StreamMonitor monitor : registry.all()) {
      StreamMonitor.StreamView view = monitor.view();
      JsonObjectBuilder json =
          JSON.createObjectBuilder().add("source", view.source()).add("state", view.state());
      time(json, "connectedSince", view.connectedSince());
      time(json, "lastFrameAt", view.lastFrameAt());
      json.add("eventsApplied", view.eventsApplied())
          .add(
              "eventsPerSecond",
              BigDecimal.valueOf(view.eventsPerSecond()).setScale(2, RoundingMode.HALF_UP))
          .add("reconnects", view.reconnects())
          .add("quarantined", view.quarantined())
          .add("queueDepth", view.queueDepth())
          .add("lagMillis", view.lagMillis())
          .add("eventsSkipped", view.eventsSkipped())
          .add("eventsIgnored", view.eventsIgnored())
          .add("framesReceived", view.framesReceived())
          .add(
              "skippedSinceStart",
              JSON.createObjectBuilder()
                  .add("superseded", view.supersededSinceStart())
                  .add("duplicates", view.duplicatesSinceStart())
                  .add("stale", view.staleSinceStart())
                  .add("unknownDeletes", view.unknownDeletesSinceStart()));
      text(json, "problem", view.problem());
      json.add("appliedPerSecond", series(monitor.appliedPerSecond()));
      leases.view(monitor.source()).ifPresent(consumer -> json.add("consumer", consumer(consumer)));
      array.add(json);
    }
    return array.build();
  }

  private static JsonObjectBuilder consumer(ConsumerLeases.ConsumerView view) {
    JsonObjectBuilder json = JSON.createObjectBuilder();
    text(json, "instance", view.holder());
    json.add("here", view.here());
    if (view.epoch() == null) {
      json.addNull("epoch");
    } else {
      json.add("epoch", view.epoch());
    }
    time(json, "leaseExpiresAt", view.leaseExpiresAt());
    LeaseView.Takeover takeover = view.takeover();
    if (takeover == null) {
      json.addNull("lastTakeover");
      return json;
    }
    JsonObjectBuilder last =
        JSON.createObjectBuilder()
            .add("from", takeover.from())
            .add("to", takeover.to())
            .add("at", takeover.at().toString())
            .add("released", takeover.released());
    time(last, "lastAppliedBefore", takeover.lastAppliedBefore());
    time(last, "firstAppliedAfter", takeover.firstAppliedAfter());
    Duration gap = takeover.gap();
    if (gap == null) {
      last.addNull("gapMillis");
    } else {
      last.add("gapMillis", gap.toMillis());
    }
    return json.add("lastTakeover", last);
  }

  private static void text(JsonObjectBuilder json, String name, String value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value);
    }
  }

  private static JsonObjectBuilder series(EventRate.Series series) {
    JsonArrayBuilder values = JSON.createArrayBuilder();
    for (long value : series.values()) {
      values.add(value);
    }
    return JSON.createObjectBuilder().add("from", series.from()).add("values", values);
  }

  private static void time(JsonObjectBuilder json, String name, Instant value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value.toString());
    }
  }
}
