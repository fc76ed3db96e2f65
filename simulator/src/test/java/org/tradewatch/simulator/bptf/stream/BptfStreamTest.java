package org.tradewatch.simulator.bptf.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.simulator.bptf.market.EventClock;

class BptfStreamTest {
  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{24}");

  private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2);
  private BptfStream stream;

  @AfterEach
  void stop() {
    if (stream != null) {
      stream.shutdown();
    }
    executor.shutdownNow();
  }

  private BptfStream stream(int eventsPerSecond, int frameSize, long total) {
    stream =
        new BptfStream(
            new StreamSettings(
                7, eventsPerSecond, frameSize, total, EventClock.Kind.SYNTHETIC, 1_765_000_000L),
            executor);
    return stream;
  }

  private static JsonValue parse(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }

  /** Waits for a condition with a deadline, yielding the CPU between checks (no sleeping). */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Object monitor = new Object();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      synchronized (monitor) {
        monitor.wait(5);
      }
    }
  }

  @Test
  void generatesNothingUntilSomeoneConnects() {
    stream(0, 500, 1000);
    StreamStats stats = stream.stats();
    assertEquals(0, stats.framesSent());
    assertEquals(0, stats.streamEvents());
    assertNull(stats.lastEventId());
    assertNull(stats.lastListingId());
  }

  @Test
  void batchClientsGetArraysAndOthersOneEventPerFrameAndTheCountersAreExact()
      throws InterruptedException {
    stream(0, 501, 1503);
    RecordingConnection batch = new RecordingConnection("10.0.0.1", true);
    RecordingConnection single = new RecordingConnection("10.0.0.2", false);
    // Paused while both connect: at full speed the first frame could go out before the second
    // connection opened, and only the first would have it.
    stream.pause();
    assertTrue(stream.open(batch));
    assertTrue(stream.open(single));
    stream.resume();
    await("the total", () -> stream.stats().completed());

    Map<String, Long> byType = new HashMap<>();
    int batchEvents = 0;
    for (String frame : batch.all) {
      JsonValue value = parse(frame);
      assertEquals(JsonValue.ValueType.ARRAY, value.getValueType(), "batch frame");
      JsonArray array = value.asJsonArray();
      assertTrue(array.size() >= 1 && array.size() <= 501, "frame of " + array.size());
      batchEvents += array.size();
      array.forEach(e -> byType.merge(e.asJsonObject().getString("event"), 1L, Long::sum));
    }
    for (String frame : single.all) {
      JsonValue value = parse(frame);
      assertEquals(JsonValue.ValueType.OBJECT, value.getValueType(), "single frame");
      byType.merge(value.asJsonObject().getString("event"), 1L, Long::sum);
    }
    StreamStats stats = stream.stats();
    assertEquals(1503, stats.streamEvents());
    assertEquals(1503, batchEvents);
    assertEquals(1503, single.all.size());
    assertEquals(batch.all.size() + single.all.size(), stats.framesSent());
    assertEquals(batchEvents + single.all.size(), stats.eventsSent());
    assertEquals(byType.get("listing-update"), stats.eventsByType().get("listing-update"));
    assertEquals(byType.get("listing-delete"), stats.eventsByType().get("listing-delete"));
    assertEquals(0L, stats.eventsByType().get("client-limit-exceeded"));
    assertEquals(2, stats.openConnections());
    JsonArray lastFrame = parse(batch.all.get(batch.all.size() - 1)).asJsonArray();
    String lastBatchId = lastFrame.getJsonObject(lastFrame.size() - 1).getString("id");
    assertEquals(lastBatchId, stats.lastEventId());
    assertEquals(
        lastFrame.getJsonObject(lastFrame.size() - 1).getJsonObject("payload").getString("id"),
        stats.lastListingId());
  }

  @Test
  void fullFramesWhenUnpacedAndNoFrameLargerThanAsked() throws InterruptedException {
    stream(0, 50, 620);
    RecordingConnection client = new RecordingConnection("10.0.0.1", true);
    stream.open(client);
    await("the total", () -> stream.stats().completed());
    int[] sizes = client.all.stream().mapToInt(f -> parse(f).asJsonArray().size()).toArray();
    assertEquals(13, sizes.length);
    for (int i = 0; i < 12; i++) {
      assertEquals(50, sizes[i]);
    }
    assertEquals(20, sizes[12]);
  }

  @Test
  void pacedStreamsSendFramesOfTheRateAtMostOncePerSecondEach() throws InterruptedException {
    stream(400, 100, -1);
    RecordingConnection client = new RecordingConnection("10.0.0.1", true);
    long start = System.nanoTime();
    stream.open(client);
    for (int i = 0; i < 4; i++) {
      assertEquals(100, parse(client.next()).asJsonArray().size());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // four frames of 100 at 400/s: the first at once, the fourth after about 0.75 s
    assertTrue(seconds > 0.6, "too fast: " + seconds + " s");
  }

  @Test
  void aSecondConnectionFromOneAddressGetsClientLimitExceededAndIsClosed()
      throws InterruptedException {
    stream(200, 50, -1);
    RecordingConnection first = new RecordingConnection("127.0.0.1", true);
    RecordingConnection second = new RecordingConnection("127.0.0.1", true);
    RecordingConnection third = new RecordingConnection("127.0.0.1", false);
    assertTrue(stream.open(first));
    first.next();
    assertFalse(stream.open(second));
    assertFalse(stream.open(third));
    assertTrue(second.awaitClosed());
    assertEquals(BptfStream.CLOSE_CLIENT_LIMIT, second.closeCode);
    JsonObject refusal = parse(second.all.get(0)).asJsonArray().getJsonObject(0);
    assertEquals("client-limit-exceeded", refusal.getString("event"));
    assertEquals(JsonValue.EMPTY_JSON_OBJECT, refusal.getJsonObject("payload"));
    assertTrue(OBJECT_ID.matcher(refusal.getString("id")).matches());
    assertEquals(1, second.all.size());
    JsonObject unbatched = parse(third.all.get(0)).asJsonObject();
    assertEquals("client-limit-exceeded", unbatched.getString("event"));

    first.next(); // the first connection keeps working
    StreamStats stats = stream.stats();
    assertEquals(2, stats.connectionsRefused());
    assertEquals(1, stats.connectionsAccepted());
    assertEquals(1, stats.openConnections());
    assertEquals(2L, stats.eventsByType().get("client-limit-exceeded"));

    stream.closed(second); // a refused connection's close must not forget the first
    assertEquals(1, stream.stats().openConnections());
    stream.closed(first);
    assertTrue(stream.open(new RecordingConnection("127.0.0.1", true)));
  }

  @Test
  void pauseStopsAfterTheFrameInProgressAndResumeContinues() throws InterruptedException {
    stream(0, 10, -1);
    RecordingConnection client = new RecordingConnection("10.0.0.1", true);
    stream.open(client);
    client.next();
    stream.pause();
    StreamStats paused = stream.stats();
    assertTrue(paused.paused());
    assertEquals(client.all.size(), paused.framesSent());
    assertEquals(client.all.size() * 10L, paused.eventsSent());
    // a synchronous action after the pause proves no frame slipped in meanwhile
    stream.sendMalformed(MalformedKind.JSON, null);
    assertEquals(paused.framesSent() + 1, client.all.size());
    stream.resume();
    await("frames after resuming", () -> client.all.size() > paused.framesSent() + 3);
  }

  @Test
  void malformedJsonFrameIsNotJson() throws InterruptedException {
    stream(1, 1, -1);
    RecordingConnection client = new RecordingConnection("10.0.0.1", true);
    stream.open(client);
    client.next();
    MalformedFrame frame = stream.sendMalformed(MalformedKind.JSON, null);
    assertEquals(1, frame.connections());
    assertEquals(frame.text(), client.all.get(client.all.size() - 1));
    assertThrows(JsonParsingException.class, () -> parse(frame.text()));
    StreamStats stats = stream.stats();
    assertEquals(1, stats.malformedFramesSent());
    assertEquals(2, stats.framesSent());
    assertEquals(1, stats.eventsSent());
  }

  @Test
  void malformedEventFrameIsAValidArrayWithExactlyOneBadEvent() throws InterruptedException {
    for (MalformedVariant variant : MalformedVariant.values()) {
      stream(0, 20, 100);
      RecordingConnection client = new RecordingConnection("10.0.0.1", true);
      stream.open(client);
      await("the total", () -> stream.stats().completed());
      stream.reconfigure(new StreamSettings(7, 0, 20, -1, EventClock.Kind.WALL, 0), true);
      stream.pause();
      StreamStats before = stream.stats();
      MalformedFrame frame = stream.sendMalformed(MalformedKind.EVENT, variant);
      JsonArray array = parse(frame.text()).asJsonArray();
      assertEquals(frame.validEvents() + 1, array.size());
      assertEquals(4, frame.validEvents());
      int bad = 0;
      for (int i = 0; i < array.size(); i++) {
        JsonObject event = array.getJsonObject(i);
        boolean valid =
            OBJECT_ID.matcher(event.getString("id")).matches()
                && event.get("payload").getValueType() == JsonValue.ValueType.OBJECT;
        if (!valid) {
          bad++;
          assertEquals(frame.malformedIndex(), i);
        }
      }
      assertEquals(1, bad, variant.label());
      StreamStats after = stream.stats();
      assertEquals(before.eventsSent() + 4, after.eventsSent());
      assertEquals(before.malformedFramesSent() + 1, after.malformedFramesSent());
      assertEquals(before.framesSent() + 1, after.framesSent());
      stream.shutdown();
    }
  }

  @Test
  void aProbeNamesTheNextFramesLastUpdateThatStaysVisibleAndWhenItWasWritten() throws Exception {
    stream(0, 50, -1);
    RecordingConnection client = new RecordingConnection("10.0.0.1", true);
    stream.open(client);
    client.next();
    stream.pause();
    int framesBefore = client.all.size();
    CompletableFuture<BptfStream.FrameProbe> probe = stream.probeNextFrame();
    assertFalse(probe.isDone(), "nothing was written since the probe was asked for");
    Instant asked = Instant.now();
    stream.resume();
    BptfStream.FrameProbe sent = probe.get(10, TimeUnit.SECONDS);

    assertFalse(sent.sentAt().isBefore(asked));
    assertEquals(50, sent.frameEvents());
    // The probe answers for the first frame written after it was asked for.
    JsonArray frame = parse(client.all.get(framesBefore)).asJsonArray();
    int index = -1;
    for (int i = 0; i < frame.size(); i++) {
      if (frame.getJsonObject(i).getString("id").equals(sent.eventId())) {
        index = i;
      }
    }
    assertTrue(index >= 0, "the probed event is in the frame");
    JsonObject event = frame.getJsonObject(index);
    assertEquals("listing-update", event.getString("event"));
    assertEquals(sent.listingId(), event.getJsonObject("payload").getString("id"));
    for (int i = index + 1; i < frame.size(); i++) {
      JsonObject later = frame.getJsonObject(i);
      assertFalse(
          later.getJsonObject("payload").getString("id").equals(sent.listingId()),
          "no later event of the frame touches the probed listing");
      if (later.getString("event").equals("listing-update")) {
        String listing = later.getJsonObject("payload").getString("id");
        boolean undoneLater = false;
        for (int j = i + 1; j < frame.size(); j++) {
          undoneLater |=
              frame.getJsonObject(j).getJsonObject("payload").getString("id").equals(listing);
        }
        assertTrue(undoneLater, "a later update that stays would have been the one probed");
      }
    }
  }

  @Test
  void aBargainProbeNamesANewSellListingWellUnderItsSuggestedPrice() throws Exception {
    stream(0, 100, -1);
    RecordingConnection client = new RecordingConnection("10.0.0.1", true);
    stream.open(client);
    client.next();
    for (int round = 0; round < 3; round++) {
      CompletableFuture<BptfStream.FrameProbe> probe = stream.probeNextFrame(true);
      BptfStream.FrameProbe sent = probe.get(10, TimeUnit.SECONDS);
      JsonObject event = null;
      for (String frame : client.all) {
        for (JsonValue one : parse(frame).asJsonArray()) {
          if (one.asJsonObject().getString("id").equals(sent.eventId())) {
            event = one.asJsonObject();
          }
        }
      }
      assertNotNull(event, "the probed event was sent");
      JsonObject payload = event.getJsonObject("payload");
      assertEquals(sent.listingId(), payload.getString("id"));
      assertEquals("sell", payload.getString("intent"));
      double price = payload.getJsonObject("value").getJsonNumber("raw").doubleValue();
      double suggested =
          payload
              .getJsonObject("item")
              .getJsonObject("price")
              .getJsonObject("suggested")
              .getJsonNumber("raw")
              .doubleValue();
      assertTrue(price <= suggested * 0.89, price + " is a bargain against " + suggested);
    }
  }

  /**
   * A deal closed on demand is one event, written between regular frames to every connection in its
   * format, paused or not, and counted as the market's events are; probes wait for regular frames
   * only.
   */
  @Test
  void aDealClosedOnDemandIsOneEventToEveryConnectionAndIsCounted() throws Exception {
    stream(0, 100, -1);
    RecordingConnection batch = new RecordingConnection("10.0.0.1", true);
    RecordingConnection single = new RecordingConnection("10.0.0.2", false);
    stream.pause();
    stream.open(batch);
    stream.open(single);
    stream.resume();
    await("a few frames", () -> batch.all.size() >= 3);
    stream.pause();
    // A sell listing the frames so far leave live.
    Map<String, JsonObject> live = new HashMap<>();
    for (String frame : batch.all) {
      for (JsonValue value : parse(frame).asJsonArray()) {
        JsonObject payload = value.asJsonObject().getJsonObject("payload");
        if (value.asJsonObject().getString("event").equals("listing-update")) {
          live.put(payload.getString("id"), payload);
        } else {
          live.remove(payload.getString("id"));
        }
      }
    }
    String listing =
        live.values().stream()
            .filter(payload -> payload.getString("intent").equals("sell"))
            .map(payload -> payload.getString("id"))
            .findFirst()
            .orElseThrow();
    CompletableFuture<BptfStream.FrameProbe> probe = stream.probeNextFrame();
    int batchFrames = batch.all.size();
    int singleFrames = single.all.size();
    StreamStats before = stream.stats();

    BptfStream.ControlEvent sent = stream.closeDeal(listing, true);

    assertEquals(listing, sent.listingId());
    assertEquals("listing-delete", sent.event());
    assertEquals(2, sent.connections());
    assertTrue(OBJECT_ID.matcher(sent.eventId()).matches());
    assertEquals(batchFrames + 1, batch.all.size());
    assertEquals(singleFrames + 1, single.all.size());
    JsonArray array = parse(batch.all.get(batchFrames)).asJsonArray();
    assertEquals(1, array.size());
    assertEquals(array.getJsonObject(0), parse(single.all.get(singleFrames)).asJsonObject());
    assertEquals(sent.eventId(), array.getJsonObject(0).getString("id"));
    assertEquals(listing, array.getJsonObject(0).getJsonObject("payload").getString("id"));
    StreamStats after = stream.stats();
    assertEquals(before.framesSent() + 2, after.framesSent());
    assertEquals(before.eventsSent() + 2, after.eventsSent());
    assertEquals(before.streamEvents() + 1, after.streamEvents());
    assertEquals(
        before.eventsByType().get("listing-delete") + 2,
        after.eventsByType().get("listing-delete"));
    assertEquals(sent.eventId(), after.lastEventId());
    assertFalse(probe.isDone(), "a control event is no regular frame");
    probe.cancel(false);

    // Gone from the market: nothing to close a second time.
    assertThrows(java.util.NoSuchElementException.class, () -> stream.closeDeal(listing, false));
  }

  @Test
  void closingADealNeedsAConnection() {
    stream(30, 500, -1);
    assertThrows(IllegalStateException.class, () -> stream.closeDeal("440_1", true));
  }

  @Test
  void aProbeNeedsAConnection() {
    stream(30, 500, -1);
    assertThrows(IllegalStateException.class, () -> stream.probeNextFrame());
  }

  @Test
  void malformedFrameNeedsAConnection() {
    stream(30, 500, -1);
    assertThrows(
        IllegalStateException.class,
        () -> stream.sendMalformed(MalformedKind.EVENT, MalformedVariant.BAD_ID));
  }

  @Test
  void dropClosesEveryConnectionWithTheCodeAndTheMarketGoesOnAfterReconnecting()
      throws InterruptedException {
    stream(0, 25, 200);
    RecordingConnection first = new RecordingConnection("10.0.0.1", true);
    stream.open(first);
    first.next();
    assertEquals(1, stream.dropAll(1012, "service restart"));
    assertTrue(first.awaitClosed());
    assertEquals(1012, first.closeCode);
    assertEquals(0, stream.stats().openConnections());
    RecordingConnection again = new RecordingConnection("10.0.0.1", true);
    assertTrue(stream.open(again));
    await("the total", () -> stream.stats().completed());
    assertEquals(200, stream.stats().streamEvents());
  }

  @Test
  void aRestartClosesEveryConnectionWith1012AndRefusesHandshakesForItsDowntime()
      throws InterruptedException {
    stream(30, 500, -1);
    RecordingConnection first = new RecordingConnection("10.0.0.1", true);
    RecordingConnection second = new RecordingConnection("10.0.0.2", false);
    stream.open(first);
    stream.open(second);

    assertEquals(2, stream.restart(300));

    assertTrue(first.awaitClosed());
    assertTrue(second.awaitClosed());
    assertEquals(BptfStream.CLOSE_SERVICE_RESTART, first.closeCode);
    assertEquals(0, stream.stats().openConnections());
    assertTrue(stream.refusingHandshakes(), "down for 300 ms");
    await("the server to come back", () -> !stream.refusingHandshakes());
    assertTrue(stream.stats().handshakesRefused() >= 1);
    RecordingConnection again = new RecordingConnection("10.0.0.1", true);
    assertTrue(stream.open(again));
    again.next();

    stream.restart(0);
    assertFalse(stream.refusingHandshakes(), "a restart without downtime accepts at once");
    assertThrows(InvalidSettingException.class, () -> stream.restart(-1));
  }

  @Test
  void aRestartSeriesKeepsItsRhythmAndMeasuresHowLongAClientWasConnected()
      throws InterruptedException {
    stream(30, 500, -1);
    RecordingConnection client = new RecordingConnection("10.0.0.1", true);
    stream.open(client);

    BptfStream.RestartStats started = stream.startRestarts(2, 300, 100);

    assertTrue(started.running());
    assertEquals(2, started.times());
    assertEquals(1, started.done(), "the first restart is at once");
    assertTrue(client.awaitClosed());
    await("the server to come back", () -> !stream.refusingHandshakes());
    RecordingConnection back = new RecordingConnection("10.0.0.1", true);
    assertTrue(stream.open(back));
    assertTrue(back.awaitClosed(), "the second restart, 400 ms after the first");
    await("the series to end", () -> !stream.restartStats().running());

    BptfStream.RestartStats over = stream.restartStats();
    assertEquals(2, over.done());
    assertTrue(over.elapsedMillis() >= 800, "two periods of 400 ms: " + over);
    assertTrue(over.connectedMillis() > 0, "connected after each restart: " + over);
    assertTrue(
        over.connectedMillis() <= over.elapsedMillis() - 2 * 100,
        "never connected while down: " + over);
    assertEquals(over, stream.restartStats(), "frozen once over");
  }

  @Test
  void withoutClientsASeriesCountsNoConnectedTimeAndTimesZeroStopsOne()
      throws InterruptedException {
    stream(30, 500, -1);
    stream.startRestarts(3, 50, 20);
    await("the series to end", () -> !stream.restartStats().running());
    assertEquals(3, stream.restartStats().done());
    assertEquals(0, stream.restartStats().connectedMillis());

    assertEquals(1, stream.startRestarts(1000, 3_600_000, 0).done());
    assertTrue(stream.restartStats().running());
    BptfStream.RestartStats stopped = stream.startRestarts(0, 1, 0);
    assertFalse(stopped.running());
    assertEquals(1, stopped.done());

    assertEquals(
        "times",
        assertThrows(InvalidSettingException.class, () -> stream.startRestarts(-1, 1, 0))
            .parameter());
    assertEquals(
        "upMillis",
        assertThrows(InvalidSettingException.class, () -> stream.startRestarts(1, 0, 0))
            .parameter());
    assertEquals(
        "downMillis",
        assertThrows(InvalidSettingException.class, () -> stream.startRestarts(1, 1, -5))
            .parameter());
  }

  @Test
  void aFailedSendDropsTheConnectionAndIsNotCounted() throws InterruptedException {
    stream(0, 10, -1);
    RecordingConnection client = new RecordingConnection("10.0.0.1", true);
    client.failSends = true;
    stream.open(client);
    assertTrue(client.awaitClosed());
    assertEquals(BptfStream.CLOSE_SEND_FAILED, client.closeCode);
    StreamStats stats = stream.stats();
    assertEquals(0, stats.framesSent());
    assertEquals(0, stats.streamEvents());
    assertEquals(0, stats.openConnections());
  }

  @Test
  void reconfiguringRestartsTheSequenceFromTheSeed() throws InterruptedException {
    stream(0, 30, 30);
    RecordingConnection client = new RecordingConnection("10.0.0.1", true);
    stream.open(client);
    String first = client.next();
    await("the total", () -> stream.stats().completed());
    stream.reconfigure(stream.settings(), true);
    String again = client.next();
    assertEquals(first, again);
    // the counters move once the write has returned, a moment after the client has the frame
    await("the restarted run's frame counted", () -> stream.stats().completed());
    assertEquals(1, stream.stats().framesSent());
    assertThrows(
        InvalidSettingException.class,
        () ->
            stream.reconfigure(
                new StreamSettings(8, 0, 30, 30, EventClock.Kind.SYNTHETIC, 1_765_000_000L),
                false));
  }

  @Test
  void settingsNameTheParameterTheyReject() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> new StreamSettings(1, 10, 502, -1, EventClock.Kind.WALL, 0));
    assertEquals("frameSize", e.parameter());
    assertEquals(
        "eventsPerSecond",
        assertThrows(
                InvalidSettingException.class,
                () -> new StreamSettings(1, -1, 5, -1, EventClock.Kind.WALL, 0))
            .parameter());
    assertEquals(
        "total",
        assertThrows(
                InvalidSettingException.class,
                () -> new StreamSettings(1, 1, 5, -2, EventClock.Kind.WALL, 0))
            .parameter());
  }
}
