package org.tradewatch.simulator.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InboxesTest {

  private static final String DOCUMENTED_EXAMPLE =
      """
      {"folder_count":16,"page_size":60,"skip":0,"notifications":[
       {"id":"58dfdee838a32f009d454ed8","sent":1491066600,"type":11,
        "from":{"steamid":"76561198070299574","name":"cares"},
        "url":"\\/classifieds?item=Unlocked+Winter+2016+Cosmetic+Case&quality=6&tradable=1&craftable=-1&australium=-1",
        "data":{"listing":{"id":"440_5606033582","steamid":"76561198070299574","item":{
          "id":5606033582,"original_id":5586772279,"defindex":5865,"level":1,"quality":6,
          "inventory":3221225475,"quantity":1,"origin":2,"style":0,"flag_cannot_craft":true,
          "attributes":[{"defindex":731,"value":1065353216,"float_value":1},
            {"defindex":815,"value":1,"float_value":1.4012984643248e-45},
            {"defindex":542,"value":0,"float_value":0}],
          "name":"Non-Craftable Unlocked Winter 2016 Cosmetic Case"},
          "appid":440,"currencies":{"keys":3},"offers":0,"buyout":1,"details":"",
          "created":1491066600,"bump":1491325176,"intent":1}}},
       {"id":"58dfdd4238a32f00927ef259","sent":1491066178,"type":11,
        "from":{"steamid":"76561198070299574","name":"cares"},"data":{"listing":{"deleted":1}}},
       {"id":"58dfdd3e38a32f00927ef257","sent":1491066174,"type":11,
        "from":{"steamid":"76561198070299574","name":"cares"},"data":{"listing":{"deleted":1}}},
       {"id":"58dfdbb238a32f009939ac14","sent":1491065778,"type":11,
        "from":{"steamid":"76561198070299574","name":"cares"},"data":{"listing":{"deleted":1}}}]}
      """;

  private static JsonObject parse(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static final long SEEDED_AT = 1_765_000_000L;

  private static Inboxes seeded() {
    Inboxes inboxes = new Inboxes(1);
    inboxes.seed(2, 150, SEEDED_AT);
    return inboxes;
  }

  @Test
  void theDocumentedExampleAnswersAsDocumentedWithItsTimesMovedToTheStart() {
    String answer = seeded().search(Inboxes.EXAMPLE_TOKEN, 0, 4, null, 0);
    long shift = SEEDED_AT - 60 - 1491325176L;
    assertEquals(shifted(parse(DOCUMENTED_EXAMPLE), shift), parse(answer));
  }

  @Test
  void everySampleIsRecentWhenTheSimulatorStarts() {
    Inboxes inboxes = seeded();
    long newest = Long.MIN_VALUE;
    for (String token : inboxes.tokens()) {
      for (int folder = 0; folder < 2; folder++) {
        for (int skip = 0; skip < 200; skip += 60) {
          for (JsonValue n :
              parse(inboxes.search(token, folder, 0, null, skip)).getJsonArray("notifications")) {
            long sent = n.asJsonObject().getJsonNumber("sent").longValue();
            assertTrue(sent <= SEEDED_AT, "nothing is sent after the start: " + n);
            assertTrue(sent > SEEDED_AT - 30 * 86_400, "nothing is years old: " + n);
            if (token.equals(Inboxes.EXAMPLE_TOKEN)) {
              newest = Math.max(newest, sent);
            }
            if (n.asJsonObject().get("data") instanceof JsonObject data
                && data.getJsonObject("listing").containsKey("bump")) {
              long bump = data.getJsonObject("listing").getJsonNumber("bump").longValue();
              assertTrue(bump <= SEEDED_AT, "no listing is bumped in the future: " + n);
            }
          }
        }
      }
    }
    assertTrue(newest > SEEDED_AT - 4 * 86_400, "the example's newest is days old, not years");
  }

  /**
   * {@code value} with every {@code sent}, {@code created} and {@code bump} moved by {@code by}.
   */
  private static JsonValue shifted(JsonValue value, long by) {
    if (value instanceof JsonObject object) {
      var out = Json.createObjectBuilder();
      object.forEach(
          (key, member) ->
              out.add(
                  key,
                  Set.of("sent", "created", "bump").contains(key)
                      ? Json.createValue(((JsonNumber) member).longValue() + by)
                      : shifted(member, by)));
      return out.build();
    }
    if (value instanceof JsonArray array) {
      var out = Json.createArrayBuilder();
      array.forEach(element -> out.add(shifted(element, by)));
      return out.build();
    }
    return value;
  }

  @Test
  void watchedListingAlertsCarryTheListingAsTheDocumentationDoes() {
    Inboxes inboxes = seeded();
    inboxes.add("0123456789abcdef01234567", 120, 11, 0, true, SEEDED_AT);
    int sells = 0;
    int buys = 0;
    for (String token : inboxes.tokens()) {
      for (int skip = 0; skip < 200; skip += 60) {
        for (JsonValue value :
            parse(inboxes.search(token, 0, 4, null, skip)).getJsonArray("notifications")) {
          JsonObject n = value.asJsonObject();
          if (n.getInt("type") != 11
              || n.getJsonObject("data").getJsonObject("listing").containsKey("deleted")) {
            continue;
          }
          JsonObject listing = n.getJsonObject("data").getJsonObject("listing");
          JsonObject item = listing.getJsonObject("item");
          assertEquals(
              n.getJsonObject("from").getString("steamid"),
              listing.getString("steamid"),
              "the alert comes from the lister: " + n);
          assertFalse(item.getString("name").isBlank());
          assertTrue(listing.getJsonObject("currencies").getInt("keys") > 0, n.toString());
          assertEquals(440, listing.getInt("appid"));
          for (String key : List.of("offers", "buyout", "details", "created", "bump")) {
            assertTrue(listing.containsKey(key), key + " in " + n);
          }
          String id = listing.getString("id");
          if (listing.getInt("intent") == 1) {
            sells++;
            assertEquals("440_" + item.getJsonNumber("id").longValue(), id, "a sell listing");
            for (String key :
                List.of(
                    "original_id",
                    "defindex",
                    "level",
                    "quality",
                    "inventory",
                    "quantity",
                    "origin",
                    "style",
                    "attributes")) {
              assertTrue(item.containsKey(key), key + " in " + item);
            }
          } else {
            buys++;
            assertEquals(0, listing.getInt("intent"));
            assertTrue(
                id.matches("440_" + listing.getString("steamid") + "_[0-9a-f]{32}"),
                "a buy order: " + id);
            assertFalse(item.containsKey("id"), "a buy order names no asset");
          }
        }
      }
    }
    assertTrue(sells > 20 && buys > 10, sells + " sell and " + buys + " buy listings");
  }

  @Test
  void anAlertCanNameAGivenListing() {
    Inboxes inboxes = seeded();
    String token = "0123456789abcdef01234567";
    String buy = "440_76561198070299574_0123456789abcdef0123456789abcdef";
    inboxes.add(token, 1, 11, 0, true, SEEDED_AT, null, "440_5606033582");
    inboxes.add(token, 1, 11, 0, true, SEEDED_AT - 1, "buyer", buy);
    var notifications = parse(inboxes.search(token, 0, 0, null, 0)).getJsonArray("notifications");
    JsonObject sell = notifications.getJsonObject(0).getJsonObject("data").getJsonObject("listing");
    assertEquals("440_5606033582", sell.getString("id"));
    assertEquals(5606033582L, sell.getJsonObject("item").getJsonNumber("id").longValue());
    assertEquals(1, sell.getInt("intent"));
    JsonObject order =
        notifications.getJsonObject(1).getJsonObject("data").getJsonObject("listing");
    assertEquals(buy, order.getString("id"));
    assertEquals(0, order.getInt("intent"));
    assertEquals(
        "76561198070299574",
        notifications.getJsonObject(1).getJsonObject("from").getString("steamid"),
        "from the buyer the id names");
    for (String bad : List.of("440_", "5606033582", "440_abc", "440_1_2", "<b>_1")) {
      assertThrows(
          IllegalArgumentException.class,
          () -> inboxes.add(token, 1, 11, 0, true, SEEDED_AT, null, bad),
          bad);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> inboxes.add(token, 1, 7, 0, true, SEEDED_AT, null, "440_5606033582"),
        "only a watched-listing alert names a listing");
  }

  @Test
  void pagesOfSixtyNewestFirstWithSkipAndSince() {
    Inboxes inboxes = seeded();
    String token = inboxes.tokens().get(1);
    JsonObject first = parse(inboxes.search(token, 0, 0, null, 0));
    assertEquals(100, first.getInt("folder_count"));
    assertEquals(60, first.getJsonArray("notifications").size());
    JsonObject second = parse(inboxes.search(token, 0, 0, null, 60));
    assertEquals(40, second.getJsonArray("notifications").size());
    assertEquals(60, second.getInt("skip"));
    long previous = Long.MAX_VALUE;
    Set<String> ids = new HashSet<>();
    for (JsonObject page : List.of(first, second)) {
      for (JsonValue n : page.getJsonArray("notifications")) {
        long sent = n.asJsonObject().getJsonNumber("sent").longValue();
        assertTrue(sent <= previous, "newest first");
        previous = sent;
        assertTrue(ids.add(n.asJsonObject().getString("id")), "no id twice");
      }
    }
    long since =
        first.getJsonArray("notifications").getJsonObject(9).getJsonNumber("sent").longValue();
    JsonObject recent = parse(inboxes.search(token, 0, 0, since, 0));
    assertEquals(100, recent.getInt("folder_count"), "folder_count ignores since");
    assertTrue(recent.getJsonArray("notifications").size() >= 10);
    recent
        .getJsonArray("notifications")
        .forEach(n -> assertTrue(n.asJsonObject().getJsonNumber("sent").longValue() >= since));
  }

  @Test
  void filtersShowTheirTypesAndUnknownFiltersShowAll() {
    Inboxes inboxes = seeded();
    String token = inboxes.tokens().get(1);
    for (var entry : NotificationKinds.FILTERS.entrySet()) {
      parse(inboxes.search(token, 0, entry.getKey(), null, 0))
          .getJsonArray("notifications")
          .forEach(n -> assertTrue(entry.getValue().contains(n.asJsonObject().getInt("type"))));
    }
    assertEquals(
        parse(inboxes.search(token, 0, 0, null, 0)), parse(inboxes.search(token, 0, 5, null, 0)));
  }

  @Test
  void addedNotificationsCanComeFromANamedUserWrittenAsJsonText() {
    Inboxes inboxes = seeded();
    String token = "0123456789abcdef01234567";
    inboxes.add(token, 2, 11, 0, true, 1_765_000_000L, "<script>alert('x')</script>");
    var notifications = parse(inboxes.search(token, 0, 0, null, 0)).getJsonArray("notifications");
    assertEquals(2, notifications.size());
    for (var n : notifications) {
      assertEquals(
          "<script>alert('x')</script>", n.asJsonObject().getJsonObject("from").getString("name"));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> inboxes.add(token, 1, 22, 0, true, 1_765_000_000L, "someone"));
  }

  @Test
  void mutationsCountWhatTheyChanged() {
    Inboxes inboxes = seeded();
    String token = "0123456789abcdef01234567";
    List<String> ids = inboxes.add(token, 5, 11, 0, true, 1_765_000_000L);
    assertEquals(5, inboxes.markFolderRead(token, 0));
    assertEquals(0, inboxes.markFolderRead(token, 0));
    assertFalse(inboxes.search(token, 0, 0, null, 0).contains("unread"));
    assertEquals(2, inboxes.delete(token, List.of(ids.get(0), ids.get(1), "nope")));
    assertEquals(3, inboxes.emptyFolder(token, 0));
    assertEquals(0, parse(inboxes.search(token, 0, 0, null, 0)).getInt("folder_count"));
  }

  @Test
  void newNotificationsArriveOnlyForSeededTokens() {
    Inboxes inboxes = seeded();
    String added = "0123456789abcdef01234567";
    inboxes.add(added, 1, 7, 0, false, 1_765_000_000L);
    for (int i = 0; i < 50; i++) {
      inboxes.arrive(1_765_000_100L + i);
    }
    assertEquals(1, inboxes.sizes().get(added)[0], "a control-made token gets nothing");
    assertEquals(
        16, inboxes.sizes().get(Inboxes.EXAMPLE_TOKEN)[0], "the example stays as documented");
    int seededInboxes =
        inboxes.tokens().stream()
            .filter(t -> !t.equals(added) && !t.equals(Inboxes.EXAMPLE_TOKEN))
            .mapToInt(t -> inboxes.sizes().get(t)[0])
            .sum();
    assertEquals(200 + 50, seededInboxes);
  }

  @Test
  void userTextKeepsHtmlAndOtherScriptsAsValidJson() {
    Inboxes inboxes = seeded();
    StringBuilder all = new StringBuilder();
    for (String token : inboxes.tokens()) {
      for (int folder = 0; folder < 2; folder++) {
        JsonObject page = parse(inboxes.search(token, folder, 0, null, 0));
        page.getJsonArray("notifications").forEach(n -> all.append(n).append('\n'));
      }
    }
    assertTrue(all.toString().contains("<script>"));
    assertTrue(all.toString().contains("Кирилл"));
    assertTrue(all.toString().contains("\"detail\""));
  }
}
