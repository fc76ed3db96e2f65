package org.tradewatch.persistence.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.tradewatch.persistence.listing.Fixtures.T0;
import static org.tradewatch.persistence.listing.Fixtures.bptf;
import static org.tradewatch.persistence.listing.Fixtures.remove;
import static org.tradewatch.persistence.listing.Fixtures.skinshark;
import static org.tradewatch.persistence.listing.Fixtures.snapshot;
import static org.tradewatch.persistence.listing.Fixtures.update;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.deal.Deal;
import org.tradewatch.core.deal.DealQuery;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.PriceUnit;
import org.tradewatch.core.market.MarketModel;
import org.tradewatch.persistence.TestDatabase;

/**
 * A listing's price unit, which deals compare prices by, is not stored as such: a model built at
 * start reads it back from the value's unit and the currencies' names, from the log and from the
 * listing table, and so has the units, and the deals, that ingest gave.
 */
class JpaListingStorePriceUnitTest {

  private static final Instant NOW = Instant.parse("2025-03-01T13:00:00.654321Z");

  private TestDatabase db;
  private Market market;

  @BeforeEach
  void open() {
    db = new TestDatabase();
    market = new Market(db.factory(), NOW);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static ListingSnapshot priced(
      ListingKey key, Intent intent, String value, Map<String, BigDecimal> currencies) {
    return snapshot(key, "Team Captain", value)
        .intent(intent)
        .currencies(currencies)
        .suggested(new BigDecimal("100"))
        .build();
  }

  private static Map<String, BigDecimal> currencies(String... namesAndAmounts) {
    Map<String, BigDecimal> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndAmounts.length; i += 2) {
      map.put(namesAndAmounts[i], new BigDecimal(namesAndAmounts[i + 1]));
    }
    return map;
  }

  private void ingest() {
    market.apply(
        update(priced(bptf("buy"), Intent.BUY, "60", currencies("keys", "1")), "e1", T0),
        update(
            priced(bptf("sell-ref"), Intent.SELL, "40.5", currencies("keys", "0", "metal", "40.5")),
            "e2",
            T0),
        update(priced(bptf("sell-usd"), Intent.SELL, "1", currencies("usd", "0.5")), "e3", T0),
        update(priced(bptf("sell-quote"), Intent.SELL, "2", currencies("ke\"ys", "2")), "e4", T0),
        update(priced(bptf("sell-none"), Intent.SELL, "3", Map.of()), "e5", T0),
        update(priced(bptf("sell-gone"), Intent.SELL, "4", currencies("metal", "4")), "e6", T0));
    market.apply(
        update(
            snapshot(skinshark("eur"), "AK-47 | Redline", "10.5").valueUnit("EUR").build(),
            "s1",
            T0),
        update(
            snapshot(skinshark("usd"), "AK-47 | Redline", "11").valueUnit("USD").build(),
            "s2",
            T0));
    // A delete that only names the listing keeps the unit of what it buries.
    market.apply(remove(bptf("sell-gone"), "e7", T0.plusSeconds(1)));
  }

  private static Map<ListingKey, String> units(MarketModel model) {
    Map<ListingKey, String> units = new LinkedHashMap<>();
    Market.everything(model).forEach((key, state) -> units.put(key, state.priceUnit()));
    return units;
  }

  private static Map<ListingKey, String> dealFigures(MarketModel model) {
    return model.deals(DealQuery.ALL).deals().stream()
        .collect(
            Collectors.toMap(
                Deal::listing,
                d -> d.reason().id() + " " + d.price() + " " + d.reference() + " " + d.unit()));
  }

  @Test
  void aModelBuiltFromTheLogOrTheTableHasTheUnitsAndDealsIngestGave() {
    ingest();
    Map<ListingKey, String> units = units(market.model);
    assertEquals(PriceUnit.REF, units.get(bptf("buy")));
    assertEquals(PriceUnit.REF, units.get(bptf("sell-ref")));
    assertNull(units.get(bptf("sell-usd")), "dollars compare with no keys-and-metal price");
    assertNull(units.get(bptf("sell-quote")));
    assertNull(units.get(bptf("sell-none")));
    assertEquals(PriceUnit.REF, units.get(bptf("sell-gone")));
    assertEquals("EUR", units.get(skinshark("eur")));
    assertEquals("USD", units.get(skinshark("usd")));
    assertEquals(Map.of(bptf("sell-ref"), "belowBestBuy 40.5 60 ref"), dealFigures(market.model));

    assertEquals(units, units(Market.built(market.store)));
    assertEquals(dealFigures(market.model), dealFigures(Market.built(market.store)));

    market.checkpointAndPurgeEverything();
    MarketModel fromTable = Market.built(market.store);
    assertEquals(units, units(fromTable));
    assertEquals(dealFigures(market.model), dealFigures(fromTable));
  }

  @Test
  void currencyNamesAreReadWithoutTheAmounts() {
    assertEquals(List.of(), CurrenciesJson.names(null));
    assertEquals(List.of(), CurrenciesJson.names(""));
    assertEquals(List.of(), CurrenciesJson.names("{}"));
    assertEquals(
        List.of("keys", "metal"),
        CurrenciesJson.names(CurrenciesJson.encode(currencies("keys", "2", "metal", "11.33"))));
    assertEquals(
        List.of("usd", "a\"b\\c"),
        CurrenciesJson.names(CurrenciesJson.encode(currencies("usd", "1", "a\"b\\c", "2"))));
    Map<String, BigDecimal> withNull = new LinkedHashMap<>();
    withNull.put("keys", null);
    assertEquals(List.of("keys"), CurrenciesJson.names(CurrenciesJson.encode(withNull)));
  }
}
