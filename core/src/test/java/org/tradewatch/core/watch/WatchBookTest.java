package org.tradewatch.core.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradewatch.core.watch.Listings.Listing.sell;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.deal.Deal;
import org.tradewatch.core.deal.DealChange;
import org.tradewatch.core.deal.DealReason;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.market.MarketChange;
import org.tradewatch.core.watch.Listings.Listing;

class WatchBookTest {

  private static final Instant T0 = Listings.T0;

  private final AtomicLong alertIds = new AtomicLong();
  private final WatchBook book =
      new WatchBook(
          DealTest.underSuggested(BigDecimal.TEN),
          () -> String.format("%016x", alertIds.incrementAndGet()));
  private final Listings market = new Listings();
  private int watchIds;

  private Watch watch(String owner, WatchTerms terms) {
    Watch watch = new Watch(String.format("%016x", ++watchIds), owner, terms, false, T0, T0);
    book.put(watch);
    return watch;
  }

  private static WatchTerms ofItem(String name, String quality) {
    return WatchTerms.ofItem(Listings.item(name, quality));
  }

  private List<Alert> match(Listing... listings) {
    return book.match(market.applyAll(listings));
  }

  private List<Alert> match(MarketChange change) {
    return book.match(List.of(change));
  }

  private static List<Alert.Reason> reasons(List<Alert> alerts) {
    return alerts.stream().map(Alert::reason).toList();
  }

  // ---- alerts once, again only across the bound ----

  @Test
  void aNewListingOfTheItemAlertsItsWatchOnceWithWhatTheListingWas() {
    Watch watch = watch("alice", ofItem("Team Captain", "Unusual"));
    Listing listing = sell("440_1", "Team Captain", "Unusual", "900");

    List<Alert> alerts = match(listing);

    assertEquals(1, alerts.size());
    Alert alert = alerts.get(0);
    assertEquals("alice", alert.owner());
    assertEquals(watch.id(), alert.watchId());
    assertEquals(listing.key(), alert.listing());
    assertEquals(Listings.item("Team Captain", "Unusual"), alert.item());
    assertEquals("Team Captain", alert.itemName());
    assertEquals("Unusual", alert.quality());
    assertEquals(Intent.SELL, alert.intent());
    assertEquals(0, new BigDecimal("900").compareTo(alert.value()));
    assertEquals("ref", alert.valueUnit());
    assertEquals(Alert.Reason.MATCHED, alert.reason());
    assertEquals(T0.plusSeconds(1), alert.at(), "when the change was applied");
    assertFalse(alert.read());

    assertEquals(List.of(), match(market.bump(listing.key())), "a bump alerts nothing");
    assertEquals(List.of(), match(listing.price("850")), "a new price, still matching");
    assertEquals(List.of(), match(listing.price("1000")), "without a bound any price matches");
  }

  @Test
  void aListingAlertsAgainOnlyWhenItsPriceMovesBackAcrossTheBound() {
    watch("alice", ofItem("Team Captain", "Unusual").withBound(PriceBound.atMost(dec("100"))));
    Listing listing = sell("440_1", "Team Captain", "Unusual", "90");

    assertEquals(List.of(Alert.Reason.MATCHED), reasons(match(listing)));
    assertEquals(List.of(), match(listing.price("95")), "moved within the bound");
    assertEquals(List.of(), match(listing.price("100")), "the bound itself is within");
    assertEquals(List.of(), match(listing.price("120")), "left the bound");
    assertEquals(List.of(), match(listing.price("110")), "still out");
    assertEquals(List.of(Alert.Reason.CROSSED), reasons(match(listing.price("99.5"))));
    assertEquals(List.of(), match(listing.price("80")), "within again, told already");
    assertEquals(List.of(), match(listing.price("101")));
    assertEquals(List.of(Alert.Reason.CROSSED), reasons(match(listing.price("50"))));
  }

  @Test
  void anAtLeastBoundAlertsOnTheWayUp() {
    watch("bob", ofItem("Team Captain", "Unusual").withBound(PriceBound.atLeast(dec("500"))));
    Listing listing = sell("440_1", "Team Captain", "Unusual", "400");

    assertEquals(List.of(), match(listing), "new, but under the bound");
    assertEquals(
        List.of(Alert.Reason.MATCHED),
        reasons(match(listing.price("500"))),
        "first within the bound: a first match, not a crossing");
    assertEquals(List.of(), match(listing.price("499")));
    assertEquals(List.of(Alert.Reason.CROSSED), reasons(match(listing.price("650"))));
  }

  @Test
  void aListingWithoutAPriceIsOutsideEveryBound() {
    watch("alice", ofItem("Team Captain", null).withBound(PriceBound.atMost(dec("10"))));
    Listing listing = sell("440_1", "Team Captain", null, null);
    assertEquals(List.of(), match(listing));
    assertEquals(List.of(Alert.Reason.MATCHED), reasons(match(listing.price("5"))));
  }

  @Test
  void aChangeOfIntentIsMatchedButAlertsNoListingTwice() {
    watch("alice", ofItem("Team Captain", null).withIntent(Intent.SELL));
    Listing buy = sell("440_1", "Team Captain", null, "10").intent(Intent.BUY);

    assertEquals(List.of(), match(buy), "a buy order; the watch is for sell listings");
    assertEquals(List.of(Alert.Reason.MATCHED), reasons(match(buy.intent(Intent.SELL))));
    assertEquals(List.of(), match(buy.intent(Intent.BUY)));
    assertEquals(
        List.of(),
        match(buy.intent(Intent.SELL)),
        "leaving by intent is no crossing of the bound: once told, the watch keeps it");
  }

  @Test
  void aDeletedListingIsForgottenAndAlertsAgainWhenRelisted() {
    watch("alice", ofItem("Team Captain", null));
    Listing listing = sell("440_1", "Team Captain", null, "10");

    assertEquals(1, match(listing).size());
    assertEquals(1, book.trackedListings());
    assertEquals(List.of(), match(listing.deleted()));
    assertEquals(0, book.trackedListings(), "its state went with it");
    assertEquals(List.of(Alert.Reason.MATCHED), reasons(match(listing.relisted())));
  }

  @Test
  void aListingThatNowOffersAnotherItemIsANewListingToItsWatches() {
    watch("alice", WatchTerms.ofName("captain"));
    Listing listing = sell("440_1", "Team Captain", null, "10");
    assertEquals(1, match(listing).size());
    Listing other =
        new Listing(listing.key(), "Bill's Captain", null, Intent.SELL, "10", null, false);
    assertEquals(List.of(Alert.Reason.MATCHED), reasons(match(other)));
  }

  @Test
  void aWatchCreatedAfterAListingHearsOfItAtItsNextPriceOrIntentChangeNotAtABump() {
    Listing listing = sell("440_1", "Team Captain", null, "10");
    match(listing);
    watch("alice", ofItem("Team Captain", null));
    assertEquals(List.of(), match(market.bump(listing.key())));
    assertEquals(List.of(Alert.Reason.MATCHED), reasons(match(listing.price("9"))));
  }

  // ---- the terms ----

  @Test
  void aWatchByNameMatchesItemsHoldingAllItsWordsInAnyOrderAndCase() {
    watch("alice", WatchTerms.ofName("CAPTAIN team"));

    assertEquals(1, match(sell("440_1", "Team Captain", null, "1")).size());
    assertEquals(1, match(sell("440_2", "Strange Team Captain Festivized", null, "1")).size());
    assertEquals(
        1,
        match(sell("440_3", "Team Spirit Captain's Hat", null, "1")).size(),
        "an apostrophe ends a word: captain's holds captain");
    assertEquals(List.of(), match(sell("440_6", "Team Spirit", null, "1")));
    assertEquals(List.of(), match(sell("440_4", "Team Captains", null, "1")), "whole words only");
    assertEquals(List.of(), match(sell("440_5", "Captain Hook", null, "1")));
  }

  @Test
  void wordsAreLettersAndDigitsOfAnyScript() {
    watch("alice", WatchTerms.ofName("ak 47 redline").withSource(Source.SKINSHARK));
    watch("alice", WatchTerms.ofName("Кепка"));
    Listing skin =
        new Listing(
            new org.tradewatch.core.listing.ListingKey(Source.SKINSHARK, "730_1"),
            "StatTrak\u2122 AK-47 | Redline (Field-Tested)",
            null,
            Intent.SELL,
            "22.04",
            null,
            false);
    List<Alert> alerts = match(skin, sell("440_2", "Синяя кепка", null, "3"));
    assertEquals(2, alerts.size());
    assertEquals("USD", alerts.get(0).valueUnit());
  }

  @Test
  void sourceIntentAndQualityMustAllHold() {
    watch(
        "alice",
        WatchTerms.ofName("team captain")
            .withSource(Source.BPTF)
            .withIntent(Intent.SELL)
            .withQuality("unusual"));

    assertEquals(List.of(), match(sell("440_1", "Team Captain", "Strange", "1")));
    assertEquals(List.of(), match(sell("440_2", "Team Captain", null, "1")), "no quality");
    assertEquals(
        List.of(), match(sell("440_3", "Team Captain", "Unusual", "1").intent(Intent.BUY)));
    Listing skinshark =
        new Listing(
            new org.tradewatch.core.listing.ListingKey(Source.SKINSHARK, "s1"),
            "Team Captain",
            "Unusual",
            Intent.SELL,
            "1",
            null,
            false);
    assertEquals(List.of(), match(skinshark));
    assertEquals(1, match(sell("440_4", "Team Captain", "UNUSUAL", "1")).size(), "case ignored");
  }

  @Test
  void aWatchOfAnItemMatchesThatItemAlone() {
    watch("alice", ofItem("Team Captain", "Unusual"));
    assertEquals(List.of(), match(sell("440_1", "Team Captain", "Strange", "1")));
    assertEquals(List.of(), match(sell("440_2", "Team Captain", null, "1")));
    assertEquals(1, match(sell("440_3", "Team Captain", "Unusual", "1")).size());
  }

  @Test
  void aDealsOnlyWatchTakesSellListingsFarEnoughUnderTheSuggestedPrice() {
    watch("alice", ofItem("Team Captain", null).withDealsOnly(true));
    Listing listing = sell("440_1", "Team Captain", null, "95").suggested("100");

    assertEquals(List.of(), match(listing), "5% under: no deal");
    assertEquals(List.of(), match(sell("440_2", "Team Captain", null, "10")), "no suggestion");
    assertEquals(List.of(Alert.Reason.MATCHED), reasons(match(listing.price("90"))), "10% under");
    assertEquals(List.of(), match(listing.price("80")));
  }

  @Test
  void aDealsOnlyWatchTakesWhatTheMarketModelCallsADealBelowTheBestBuy() {
    watch("alice", ofItem("Team Captain", null).withDealsOnly(true));
    Listing listing = sell("440_1", "Team Captain", null, "90");
    MarketChange plain = market.apply(listing);
    assertEquals(List.of(), match(plain), "no suggested price, and the model named no deal");

    MarketChange cheaper = market.apply(listing.price("80"));
    Deal deal =
        new Deal(
            listing.key(),
            Listings.item("Team Captain", null),
            DealReason.BELOW_BEST_BUY,
            "ref",
            new BigDecimal("80"),
            new BigDecimal("85"),
            Listings.bptf("440_buy"),
            null,
            T0);
    MarketChange withDeal =
        new MarketChange(
            cheaper.before(), cheaper.after(), List.of(new DealChange(null, deal, T0)));
    assertEquals(List.of(Alert.Reason.MATCHED), reasons(match(withDeal)), "the model's deal");
  }

  @Test
  void everyMatchingWatchOfEveryOwnerIsAlertedAndNoOther() {
    Watch alice = watch("alice", ofItem("Team Captain", null));
    Watch bob = watch("bob", WatchTerms.ofName("captain").withBound(null).withSource(Source.BPTF));
    watch("carol", WatchTerms.ofName("spirit"));

    List<Alert> alerts = match(sell("440_1", "Team Captain", null, "5"));

    assertEquals(2, alerts.size());
    assertEquals(List.of("alice", "bob"), alerts.stream().map(Alert::owner).sorted().toList());
    assertTrue(alerts.stream().anyMatch(alert -> alert.watchId().equals(alice.id())));
    assertTrue(alerts.stream().anyMatch(alert -> alert.watchId().equals(bob.id())));
    assertEquals(2, alerts.stream().map(Alert::id).distinct().count());
  }

  // ---- pausing, changing and removing watches ----

  @Test
  void aPausedWatchMatchesNothingAndKeepsWhatItKnew() {
    Watch watch =
        watch("alice", ofItem("Team Captain", null).withBound(PriceBound.atMost(dec("10"))));
    Listing listing = sell("440_1", "Team Captain", null, "8");
    assertEquals(1, match(listing).size());

    book.put(watch.changed(watch.terms(), true, T0.plusSeconds(60)));
    assertEquals(List.of(), match(listing.price("20")));
    assertEquals(List.of(), match(listing.price("5")), "paused");
    assertEquals(List.of(), match(sell("440_2", "Team Captain", null, "5")), "paused");

    book.put(watch.changed(watch.terms(), false, T0.plusSeconds(120)));
    assertEquals(List.of(), match(listing.price("6")), "told of it before the pause");
    assertEquals(List.of(), match(listing.price("11")));
    assertEquals(List.of(Alert.Reason.CROSSED), reasons(match(listing.price("9"))));
  }

  @Test
  void aWatchWithNewTermsStartsAfresh() {
    Watch watch = watch("alice", ofItem("Team Captain", null));
    Listing listing = sell("440_1", "Team Captain", null, "8");
    assertEquals(1, match(listing).size());

    book.put(
        watch.changed(
            watch.terms().withBound(PriceBound.atMost(dec("9"))), false, T0.plusSeconds(60)));
    assertEquals(List.of(Alert.Reason.MATCHED), reasons(match(listing.price("7"))));
  }

  @Test
  void aRemovedWatchAlertsNothingAndItsStatesAreDroppedWithTheNextWrite() {
    Watch gone = watch("alice", ofItem("Team Captain", null));
    Listing listing = sell("440_1", "Team Captain", null, "8");
    assertEquals(1, match(listing).size());
    book.remove(gone.id());
    assertFalse(book.holds(gone.id()));
    assertEquals(List.of(), match(listing.price("7")));

    Watch next = watch("alice", ofItem("Team Captain", null));
    List<Alert> alerts = match(listing.price("6"));
    assertEquals(List.of(next.id()), alerts.stream().map(Alert::watchId).toList());
  }

  @Test
  void replacingAllKeepsWhatUnchangedWatchesKnewAndDropsTheMissing() {
    Watch kept = watch("alice", ofItem("Team Captain", null));
    Watch dropped = watch("bob", ofItem("Team Captain", null));
    Listing listing = sell("440_1", "Team Captain", null, "8");
    assertEquals(2, match(listing).size());

    Watch added =
        new Watch(String.format("%016x", 99), "carol", ofItem("Team Captain", null), false, T0, T0);
    book.replaceAll(List.of(kept, added));

    assertEquals(2, book.size());
    assertFalse(book.holds(dropped.id()));
    List<Alert> alerts = match(listing.price("7"));
    assertEquals(List.of(added.id()), alerts.stream().map(Alert::watchId).toList());
  }

  // ---- the index ----

  @Test
  void aChangeThatNoWatchNamesExaminesNoWatch() {
    for (int i = 0; i < 10_000; i++) {
      watch("user" + (i % 1_000), ofItem("Item " + i, "Unique"));
      watch("user" + (i % 1_000), WatchTerms.ofName("word" + i + " hat"));
    }
    long before = book.examined();

    List<Alert> alerts =
        match(
            sell("440_1", "Team Captain", "Unusual", "8"),
            sell("440_2", "Hat of Undeniable Wealth", null, "8"));

    assertEquals(List.of(), alerts);
    assertEquals(
        before,
        book.examined(),
        "20,000 watches, none of them on these items or their words: none was looked at");
  }

  @Test
  void aChangeExaminesOnlyTheWatchesOfItsItemAndOfItsWords() {
    for (int i = 0; i < 5_000; i++) {
      watch("user" + i, ofItem("Item " + i, null));
    }
    watch("alice", ofItem("Item 7", null));
    watch("bob", WatchTerms.ofName("item 7 hat"));
    long before = book.examined();

    List<Alert> alerts = match(sell("440_1", "Item 7", null, "8"));

    assertEquals(2, alerts.size(), "user7 and alice; bob's watch wants a hat too");
    assertEquals(3, book.examined() - before, "two watches of the item, one of the word 'item'");
  }

  @Test
  void aWatchByNameIsIndexedByItsLongestWord() {
    watch("alice", WatchTerms.ofName("a captain"));
    long before = book.examined();
    match(sell("440_1", "A Hat", null, "1"));
    assertEquals(before, book.examined(), "'a' alone does not reach a watch of 'captain'");
    assertEquals(1, match(sell("440_2", "A Captain", null, "1")).size());
  }

  @Test
  void listingsThatAlertedNothingTakeNoState() {
    watch("alice", ofItem("Team Captain", null).withBound(PriceBound.atMost(dec("10"))));
    List<Listing> listings = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      listings.add(sell("440_" + i, "Team Captain", null, i < 10 ? "5" : "50"));
    }
    assertEquals(10, match(listings.toArray(Listing[]::new)).size());
    assertEquals(10, book.trackedListings());
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
