package org.tradewatch.simulator.bptf.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MarketModelTest {
  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{24}");
  private static final Pattern SELL_ID = Pattern.compile("440_[0-9]+");
  private static final Pattern CS2_ID = Pattern.compile("730_[0-9]+");
  private static final Pattern BUY_ID = Pattern.compile("440_7656119[0-9]{10}_[0-9a-f]{32}");
  private static final int FRAME = 100;
  private static final int EVENTS = 5000;

  private static JsonArray parse(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readArray();
    }
  }

  /** The first {@link #EVENTS} events in frames of {@link #FRAME}, each frame parsed. */
  private static List<JsonArray> frames(long seed, EventClock clock) {
    MarketModel model = new MarketModel(seed, clock);
    List<JsonArray> frames = new ArrayList<>();
    for (int i = 0; i < EVENTS / FRAME; i++) {
      frames.add(parse(model.nextBatch(FRAME).arrayText()));
    }
    return frames;
  }

  private static List<JsonObject> events(List<JsonArray> frames) {
    List<JsonObject> events = new ArrayList<>();
    frames.forEach(frame -> frame.forEach(event -> events.add(event.asJsonObject())));
    return events;
  }

  private static String text(long seed, EventClock clock, int batches) {
    MarketModel model = new MarketModel(seed, clock);
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < batches; i++) {
      all.append(model.nextBatch(FRAME).arrayText()).append('\n');
    }
    return all.toString();
  }

  @Test
  void theSameSeedWithTheSyntheticClockGivesTheSameText() {
    String first = text(42, EventClock.synthetic(1_765_000_000L, 30), 30);
    String second = text(42, EventClock.synthetic(1_765_000_000L, 30), 30);
    assertEquals(first, second);
    assertNotEquals(first, text(43, EventClock.synthetic(1_765_000_000L, 30), 30));
  }

  @Test
  void onlyTheTimeFieldsFollowTheClock() {
    List<JsonObject> early = events(frames(42, () -> 1_700_000_000L));
    List<JsonObject> late = events(frames(42, () -> 1_800_000_000L));
    for (int i = 0; i < early.size(); i++) {
      assertEquals(withoutTime(early.get(i)), withoutTime(late.get(i)), "event " + i);
      assertEquals(
          early.get(i).getString("id").substring(8), late.get(i).getString("id").substring(8));
    }
  }

  private static JsonObject withoutTime(JsonObject event) {
    JsonObject payload = event.getJsonObject("payload");
    var copy = Json.createObjectBuilder(payload).remove("listedAt").remove("bumpedAt");
    if (payload.containsKey("userAgent")) {
      copy.add(
          "userAgent",
          Json.createObjectBuilder(payload.getJsonObject("userAgent")).remove("lastPulse"));
    }
    return Json.createObjectBuilder(event).remove("id").add("payload", copy).build();
  }

  @Test
  void idsAreObjectIdsUniqueAndNeverGoBackInTime() {
    long[] seconds = {1_765_000_000L};
    // a clock that sometimes steps back, as a wall clock may
    EventClock jumpy = () -> seconds[0] += (seconds[0] % 7 == 0 ? -3 : 1);
    Set<String> ids = new HashSet<>();
    long last = 0;
    for (JsonObject event : events(frames(9, jumpy))) {
      String id = event.getString("id");
      assertTrue(OBJECT_ID.matcher(id).matches(), id);
      assertTrue(ids.add(id), "duplicate id " + id);
      long stamp = Long.parseLong(id.substring(0, 8), 16);
      assertTrue(stamp >= last, "timestamp went back at " + id);
      last = stamp;
    }
    assertEquals(EVENTS, ids.size());
  }

  @Test
  void everyEventHasTheUpstreamShape() {
    for (JsonObject event : events(frames(3, EventClock.wall()))) {
      String type = event.getString("event");
      assertTrue(type.equals("listing-update") || type.equals("listing-delete"), type);
      JsonObject payload = event.getJsonObject("payload");
      String id = payload.getString("id");
      String intent = payload.getString("intent");
      int appid = payload.getInt("appid");
      if (appid == 730) {
        assertTrue(CS2_ID.matcher(id).matches(), id);
      } else if (intent.equals("sell")) {
        assertTrue(SELL_ID.matcher(id).matches(), id);
        assertEquals(id.substring(4), payload.getJsonObject("item").getString("id"));
      } else {
        assertEquals("buy", intent);
        assertTrue(BUY_ID.matcher(id).matches(), id);
        assertTrue(id.startsWith("440_" + payload.getString("steamid") + "_"), id);
      }
      assertEquals(payload.getJsonObject("user").getString("id"), payload.getString("steamid"));
      for (String field : List.of("item", "user", "value", "currencies")) {
        assertEquals(JsonValue.ValueType.OBJECT, payload.get(field).getValueType(), field);
      }
      assertValueMatchesCurrencies(payload);
    }
  }

  private static void assertValueMatchesCurrencies(JsonObject payload) {
    JsonObject currencies = payload.getJsonObject("currencies");
    BigDecimal raw = payload.getJsonObject("value").getJsonNumber("raw").bigDecimalValue();
    if (currencies.containsKey("usd")) {
      assertEquals(730, payload.getInt("appid"));
      return;
    }
    BigDecimal keys =
        currencies.containsKey("keys")
            ? currencies.getJsonNumber("keys").bigDecimalValue()
            : BigDecimal.ZERO;
    BigDecimal metal =
        currencies.containsKey("metal")
            ? currencies.getJsonNumber("metal").bigDecimalValue()
            : BigDecimal.ZERO;
    assertEquals(
        0, keys.multiply(new BigDecimal("58.83")).add(metal).compareTo(raw), payload::toString);
    assertTrue(metal.compareTo(new BigDecimal("58.83")) < 0);
  }

  @Test
  void everyQuirkOccursWithinTheFirstFewThousandEvents() {
    List<JsonArray> frames = frames(1, EventClock.wall());
    List<JsonObject> events = events(frames);
    Map<String, Predicate<JsonObject>> quirks = new HashMap<>();
    quirks.put(
        "appid 730 priced in usd",
        e ->
            payload(e).getInt("appid") == 730
                && payload(e).getJsonObject("currencies").containsKey("usd"));
    quirks.put("item.quality null", e -> isNull(item(e), "quality"));
    quirks.put("item.defindex null", e -> isNull(item(e), "defindex"));
    quirks.put("item.baseName null", e -> isNull(item(e), "baseName"));
    quirks.put("item.origin null", e -> isNull(item(e), "origin"));
    quirks.put("item.origin object", e -> item(e).get("origin") instanceof JsonObject);
    quirks.put("item.price array", e -> item(e).get("price") instanceof JsonArray);
    quirks.put("item.price object", e -> item(e).get("price") instanceof JsonObject);
    quirks.put("user.bans object", e -> user(e).get("bans") instanceof JsonObject);
    quirks.put("user.bans array", e -> user(e).get("bans") instanceof JsonArray);
    quirks.put(
        "listedAt later than bumpedAt",
        e ->
            payload(e).getJsonNumber("listedAt").longValue()
                > payload(e).getJsonNumber("bumpedAt").longValue());
    quirks.put("intent buy", e -> payload(e).getString("intent").equals("buy"));
    quirks.put("intent sell", e -> payload(e).getString("intent").equals("sell"));
    quirks.put(
        "keys and metal",
        e ->
            payload(e).getJsonObject("currencies").containsKey("keys")
                && payload(e).getJsonObject("currencies").containsKey("metal"));
    quirks.put(
        "metal only", e -> payload(e).getJsonObject("currencies").keySet().equals(Set.of("metal")));
    quirks.put(
        "delete still active",
        e ->
            e.getString("event").equals("listing-delete")
                && payload(e).getString("status").equals("active"));
    quirks.put("HTML in user name", e -> user(e).getString("name").contains("<"));
    quirks.put("emoji in user name", e -> hasEmoji(user(e).getString("name")));
    quirks.put("non-Latin user name", e -> hasNonLatinLetter(user(e).getString("name")));
    quirks.put("HTML in details", e -> payload(e).getString("details").contains("<"));
    quirks.put("emoji in details", e -> hasEmoji(payload(e).getString("details")));
    quirks.put("non-Latin details", e -> hasNonLatinLetter(payload(e).getString("details")));
    for (Map.Entry<String, Predicate<JsonObject>> quirk : quirks.entrySet()) {
      assertTrue(events.stream().anyMatch(quirk.getValue()), "never seen: " + quirk.getKey());
    }

    Set<String> announced = new HashSet<>();
    boolean deleteOfNeverAnnounced = false;
    boolean deleteOfAnnounced = false;
    boolean republished = false;
    Set<String> deleted = new HashSet<>();
    for (JsonObject event : events) {
      String id = payload(event).getString("id");
      if (event.getString("event").equals("listing-delete")) {
        deleteOfNeverAnnounced |= !announced.contains(id);
        deleteOfAnnounced |= announced.contains(id);
        deleted.add(id);
      } else {
        republished |= deleted.contains(id);
        announced.add(id);
      }
    }
    assertTrue(deleteOfNeverAnnounced, "no delete of a never-announced listing");
    assertTrue(deleteOfAnnounced, "no delete of an announced listing");
    assertTrue(republished, "no deleted listing re-published");

    boolean twiceInOneFrame = false;
    for (JsonArray frame : frames) {
      Set<String> seen = new HashSet<>();
      for (JsonValue event : frame) {
        twiceInOneFrame |= !seen.add(payload(event.asJsonObject()).getString("id"));
      }
    }
    assertTrue(twiceInOneFrame, "no listing twice in one frame");
  }

  /** What traders filter listings by (issue #12): each occurs, in backpack.tf's own fields. */
  @Test
  void listingsCarryEffectsKillstreaksCraftableAustraliumAndWear() {
    List<JsonObject> events = events(frames(1, EventClock.wall()));
    Map<String, Predicate<JsonObject>> attributes = new HashMap<>();
    attributes.put(
        "an unusual effect",
        e -> item(e).get("particle") instanceof JsonObject p && !p.getString("name").isEmpty());
    for (int tier = 1; tier <= 3; tier++) {
      int wanted = tier;
      attributes.put(
          "killstreak tier " + tier,
          e -> item(e).containsKey("killstreakTier") && item(e).getInt("killstreakTier") == wanted);
    }
    attributes.put("non-craftable", e -> !item(e).getBoolean("craftable"));
    attributes.put("australium", e -> item(e).getBoolean("australium", false));
    for (String wear :
        List.of("Factory New", "Minimal Wear", "Field-Tested", "Well-Worn", "Battle-Scarred")) {
      attributes.put(
          "a skin " + wear,
          e ->
              item(e).get("wearTier") instanceof JsonObject tier
                  && tier.getString("name").equals(wear)
                  && item(e).getString("name").endsWith("(" + wear + ")"));
    }
    for (Map.Entry<String, Predicate<JsonObject>> attribute : attributes.entrySet()) {
      assertTrue(
          events.stream().anyMatch(attribute.getValue()), "never seen: " + attribute.getKey());
    }
    for (JsonObject event : events) {
      JsonObject item = item(event);
      if (item.containsKey("killstreakTier")) {
        assertTrue(item.getString("marketName").contains("Killstreak "), item.toString());
      }
      if (item.getBoolean("australium", false)) {
        assertTrue(item.getString("name").contains("Australium"), item.toString());
      }
    }
  }

  @Test
  void deletesCarryTheWholeListing() {
    for (JsonObject event : events(frames(5, EventClock.wall()))) {
      if (event.getString("event").equals("listing-delete")) {
        JsonObject payload = payload(event);
        for (String field :
            List.of(
                "id",
                "steamid",
                "appid",
                "currencies",
                "value",
                "item",
                "user",
                "intent",
                "listedAt",
                "bumpedAt",
                "status",
                "details")) {
          assertTrue(payload.containsKey(field), field + " missing from a delete");
        }
      }
    }
  }

  @Test
  void batchesHoldExactlyTheEventsAskedForInBothFormats() {
    MarketModel model = new MarketModel(11, EventClock.wall());
    for (int size : new int[] {1, 2, 37, 500, 501}) {
      Batch batch = model.nextBatch(size);
      JsonArray array = parse(batch.arrayText());
      assertEquals(size, array.size());
      assertEquals(size, batch.size());
      for (int i = 0; i < size; i++) {
        try (var reader = Json.createReader(new StringReader(batch.eventText(i)))) {
          JsonObject single = reader.readObject();
          assertEquals(array.getJsonObject(i), single);
          assertEquals(single.getString("id"), batch.eventId(i));
          assertEquals(single.getString("event"), batch.type(i).wireName());
        }
      }
    }
    assertEquals("[]", model.nextBatch(0).arrayText());
  }

  @Test
  void generatesWellOverFiftyThousandEventsPerSecondOnOneCore() {
    MarketModel model = new MarketModel(1, EventClock.wall());
    for (int i = 0; i < 200; i++) {
      model.nextBatch(500); // warm up
    }
    int frames = 400;
    long start = System.nanoTime();
    long chars = 0;
    for (int i = 0; i < frames; i++) {
      chars += model.nextBatch(500).arrayText().length();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = frames * 500 / seconds;
    System.out.printf(
        "generated %d events (%.0f MB of text) in %.2f s: %.0f events/s%n",
        frames * 500, chars / 1e6, seconds, rate);
    // the target is 50,000/s; the bound leaves room for a busy build machine
    assertTrue(rate > 25_000, "only " + rate + " events/s");
    assertFalse(model.activeListings() == 0);
  }

  /**
   * What a demo user sees within a minute (30 events a second): popular items with several buyers
   * and sellers, sell listings well under the suggested price, and books where a sell is priced
   * under a buy order, so Tradewatch has deals to show.
   */
  @Test
  void aDemoMinuteHasBusyItemsBargainsAndCrossedBooks() {
    MarketModel model = new MarketModel(1, EventClock.wall());
    Map<String, JsonObject> live = new HashMap<>();
    for (int second = 0; second < 60; second++) {
      for (JsonValue value : parse(model.nextBatch(30).arrayText())) {
        JsonObject event = value.asJsonObject();
        JsonObject listing = payload(event);
        if (event.getString("event").equals("listing-update")) {
          live.put(listing.getString("id"), listing);
        } else {
          live.remove(listing.getString("id"));
        }
      }
    }
    Map<String, List<JsonObject>> buys = new HashMap<>();
    Map<String, List<JsonObject>> sells = new HashMap<>();
    for (JsonObject listing : live.values()) {
      if (listing.getInt("appid") != 440) {
        continue;
      }
      String item = listing.getJsonObject("item").getString("marketName");
      (listing.getString("intent").equals("buy") ? buys : sells)
          .computeIfAbsent(item, ignored -> new ArrayList<>())
          .add(listing);
    }
    long busy =
        buys.keySet().stream()
            .filter(item -> buys.get(item).size() >= 2)
            .filter(item -> sells.getOrDefault(item, List.of()).size() >= 2)
            .count();
    assertTrue(busy >= 10, "items with two buyers and two sellers: " + busy);
    long underSuggested =
        sells.values().stream()
            .flatMap(List::stream)
            .filter(
                sell -> {
                  JsonValue price = sell.getJsonObject("item").get("price");
                  if (price.getValueType() != JsonValue.ValueType.OBJECT) {
                    return false;
                  }
                  BigDecimal suggested =
                      price
                          .asJsonObject()
                          .getJsonObject("suggested")
                          .getJsonNumber("raw")
                          .bigDecimalValue();
                  return value(sell).compareTo(suggested.multiply(new BigDecimal("0.9"))) <= 0;
                })
            .count();
    assertTrue(underSuggested >= 5, "sells 10% under the suggested price: " + underSuggested);
    long crossed =
        sells.keySet().stream()
            .filter(buys::containsKey)
            .filter(
                item -> {
                  BigDecimal best =
                      buys.get(item).stream()
                          .map(MarketModelTest::value)
                          .max(BigDecimal::compareTo)
                          .orElseThrow();
                  return sells.get(item).stream().anyMatch(s -> value(s).compareTo(best) < 0);
                })
            .count();
    assertTrue(crossed >= 3, "items with a sell under a buy order: " + crossed);
  }

  /**
   * A deal closed on demand: a bargain deleted or repriced over its item's value and best buy, in
   * the upstream shape, and never touched by the market again, so that it stays closed.
   */
  @Test
  void aDealClosesOnDemandByDeleteOrRepriceAndStaysClosed() {
    MarketModel model = new MarketModel(1, EventClock.wall());
    Map<String, JsonObject> live = new HashMap<>();
    List<String> bargains = new ArrayList<>();
    for (int frame = 0; frame < 60; frame++) {
      Batch batch = model.nextBatch(30);
      JsonArray events = parse(batch.arrayText());
      int bargain = batch.lastStandingBargain();
      if (bargain >= 0) {
        bargains.add(batch.listingId(bargain));
      }
      track(live, events);
    }
    List<String> open = bargains.stream().filter(live::containsKey).toList();
    assertTrue(open.size() >= 2, "bargains still listed: " + open);
    int before = model.activeListings();

    String deleted = open.get(0);
    JsonObject delete = parse(model.closeDeal(deleted, true).arrayText()).getJsonObject(0);
    assertTrue(OBJECT_ID.matcher(delete.getString("id")).matches());
    assertEquals("listing-delete", delete.getString("event"));
    assertEquals(deleted, payload(delete).getString("id"));
    assertEquals(live.get(deleted).getJsonObject("item"), item(delete), "the whole listing");
    assertEquals(before - 1, model.activeListings());

    String repriced =
        open.stream()
            .skip(1)
            .filter(id -> live.get(id).getJsonObject("item").get("price") instanceof JsonObject)
            .findFirst()
            .orElseThrow();
    JsonObject was = live.get(repriced);
    JsonObject update = parse(model.closeDeal(repriced, false).arrayText()).getJsonObject(0);
    assertEquals("listing-update", update.getString("event"));
    assertEquals(repriced, payload(update).getString("id"));
    // The item as issue #21 keys it, which may hold listings of several catalog items (unusuals
    // that differ only in their crate number): over every suggested price and buy order of it.
    BigDecimal suggested =
        live.values().stream()
            .filter(l -> tradedAs(l).equals(tradedAs(was)))
            .map(l -> l.getJsonObject("item").get("price"))
            .filter(price -> price instanceof JsonObject)
            .map(
                price ->
                    price
                        .asJsonObject()
                        .getJsonObject("suggested")
                        .getJsonNumber("raw")
                        .bigDecimalValue())
            .max(BigDecimal::compareTo)
            .orElseThrow();
    BigDecimal bestBuy =
        live.values().stream()
            .filter(l -> l.getString("intent").equals("buy"))
            .filter(l -> tradedAs(l).equals(tradedAs(was)))
            .map(MarketModelTest::value)
            .max(BigDecimal::compareTo)
            .orElse(BigDecimal.ZERO);
    BigDecimal now = value(payload(update));
    assertTrue(
        now.compareTo(suggested.multiply(new BigDecimal("1.2"))) >= 0, now + " vs " + suggested);
    assertTrue(now.compareTo(bestBuy) > 0, now + " over the best buy " + bestBuy);
    assertEquals(before - 2, model.activeListings());

    // Neither is live in the market any more, for another close or the market's own changes.
    assertThrows(NoSuchElementException.class, () -> model.closeDeal(deleted, true));
    assertThrows(NoSuchElementException.class, () -> model.closeDeal(repriced, true));
    assertThrows(NoSuchElementException.class, () -> model.closeDeal("440_1", true));
    String buy =
        live.values().stream()
            .filter(l -> l.getString("intent").equals("buy"))
            .map(l -> l.getString("id"))
            .findFirst()
            .orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> model.closeDeal(buy, false));
    for (int frame = 0; frame < 400; frame++) {
      for (JsonValue event : parse(model.nextBatch(30).arrayText())) {
        String id = payload(event.asJsonObject()).getString("id");
        assertFalse(id.equals(deleted) || id.equals(repriced), "the market touched " + id);
      }
    }
  }

  /** What traders price as one thing, as issue #21 says, from a listing's payload. */
  private static String tradedAs(JsonObject listing) {
    JsonObject item = listing.getJsonObject("item");
    JsonValue quality = item.get("quality");
    JsonValue particle = item.get("particle");
    return listing.getInt("appid")
        + "|"
        + item.getString("name")
        + "|"
        + (quality instanceof JsonObject q ? q.getString("name") : "")
        + "|"
        + (particle instanceof JsonObject p ? p.getString("name") : "")
        + "|"
        + item.getBoolean("craftable", true)
        + "|"
        + item.getInt("killstreakTier", 0);
  }

  private static void track(Map<String, JsonObject> live, JsonArray events) {
    for (JsonValue value : events) {
      JsonObject event = value.asJsonObject();
      JsonObject listing = payload(event);
      if (event.getString("event").equals("listing-update")) {
        live.put(listing.getString("id"), listing);
      } else {
        live.remove(listing.getString("id"));
      }
    }
  }

  private static BigDecimal value(JsonObject listing) {
    return listing.getJsonObject("value").getJsonNumber("raw").bigDecimalValue();
  }

  private static JsonObject payload(JsonObject event) {
    return event.getJsonObject("payload");
  }

  private static JsonObject item(JsonObject event) {
    return payload(event).getJsonObject("item");
  }

  private static JsonObject user(JsonObject event) {
    return payload(event).getJsonObject("user");
  }

  private static boolean isNull(JsonObject object, String field) {
    return object.containsKey(field) && object.isNull(field);
  }

  private static boolean hasEmoji(String text) {
    return text.codePoints().anyMatch(c -> c >= 0x1F000 || (c >= 0x2600 && c <= 0x27BF));
  }

  private static boolean hasNonLatinLetter(String text) {
    return text.codePoints()
        .anyMatch(
            c ->
                Character.isLetter(c)
                    && Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN);
  }
}
