package org.tradewatch.web.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;

/** The links out of a listing: built only from checked parts, and left out when unsure. */
class ListingLinksTest {

  private static final LinkRules RULES =
      LinkRules.of(
          "https://backpack.tf/",
          "steamcdn-a.akamaihd.net, scrap.tf,backpack.tf,cdn.skinshark.gg",
          "skinshark.gg,skinport.com");
  private static final String SELLER = "76561198000000003";
  private static final String OFFER =
      "https://steamcommunity.com/tradeoffer/new/?partner=39734275&token=EXAMPLE0";

  private static ListingSnapshot bptf(String id, String seller, String payload) {
    return ListingSnapshot.builder(new ListingKey(Source.BPTF, id))
        .sellerId(seller)
        .payload(payload)
        .build();
  }

  private static String user(String tradeOfferUrl) {
    return "{\"id\":\"440_1\",\"details\":\"\\\"tradeOfferUrl\\\":\\\"https://evil.example/\\\"\","
        + "\"user\":{\"id\":\""
        + SELLER
        + "\",\"tradeOfferUrl\":"
        + tradeOfferUrl
        + "}}";
  }

  @Test
  void aBackpackTfListingLinksToItselfTheSellersProfilesAndTheirTradeOffer() {
    ListingLinks links =
        ListingLinks.of(bptf("440_15060000001", SELLER, user("\"" + OFFER + "\"")), RULES);
    assertEquals("https://backpack.tf/classifieds?listing=440_15060000001", links.listing());
    assertEquals("https://backpack.tf/profiles/" + SELLER, links.sellerProfile());
    assertEquals("https://steamcommunity.com/profiles/" + SELLER, links.sellerSteam());
    assertEquals(OFFER, links.tradeOffer());
    assertNull(links.marketplace());
  }

  @Test
  void escapedSlashesInTheTradeOfferLinkAreReadAsSlashes() {
    String escaped = "\"" + OFFER.replace("/", "\\/") + "\"";
    assertEquals(OFFER, ListingLinks.of(bptf("440_1", SELLER, user(escaped)), RULES).tradeOffer());
  }

  @Test
  void aTradeOfferLinkMustBeSteamsNewOfferPageForTheSellersOwnAccount() {
    assertNull(ListingLinks.tradeOffer("javascript:alert(1)", SELLER));
    assertNull(
        ListingLinks.tradeOffer(
            "https://steamcommunity.com.evil.example/tradeoffer/new/?partner=39734275&token=a",
            SELLER));
    assertNull(
        ListingLinks.tradeOffer(
            "http://steamcommunity.com/tradeoffer/new/?partner=39734275&token=a", SELLER));
    assertNull(
        ListingLinks.tradeOffer(
            "https://steamcommunity.com/tradeoffer/new/?partner=39734275&token=a&x=<b>", SELLER));
    assertNull(
        ListingLinks.tradeOffer(OFFER.replace("39734275", "1"), SELLER), "another account's link");
    assertEquals(OFFER, ListingLinks.tradeOffer(" " + OFFER + " ", SELLER));
    assertNull(ListingLinks.of(bptf("440_1", SELLER, user("null")), RULES).tradeOffer());
    assertNull(ListingLinks.of(bptf("440_1", SELLER, user("42")), RULES).tradeOffer());
    assertNull(ListingLinks.of(bptf("440_1", SELLER, "{\"user\":{}}"), RULES).tradeOffer());
    assertNull(
        ListingLinks.of(bptf("440_1", SELLER, "not json {\"tradeOfferUrl"), RULES).tradeOffer());
  }

  @Test
  void noSellerIdOrAnOddOneGivesNoProfileLinks() {
    ListingLinks none = ListingLinks.of(bptf("440_1", null, user("\"" + OFFER + "\"")), RULES);
    assertNull(none.sellerProfile());
    assertNull(none.sellerSteam());
    assertNull(none.tradeOffer());
    ListingLinks odd = ListingLinks.of(bptf("440_1", "76561198000000003/../x", "{}"), RULES);
    assertNull(odd.sellerProfile());
    assertNull(
        ListingLinks.of(bptf("440_<script>", SELLER, "{}"), RULES).listing(), "an odd listing id");
  }

  @Test
  void iconsComeOnlyFromConfiguredHostsOverHttps() {
    assertEquals(
        "https://steamcdn-a.akamaihd.net/apps/440/icons/key.png",
        ListingLinks.image("https://steamcdn-a.akamaihd.net/apps/440/icons/key.png", RULES));
    assertEquals(
        "https://scrap.tf/img/items/warpaint/Shotgun_60_1_0.png",
        ListingLinks.image("https://scrap.tf/img/items/warpaint/Shotgun_60_1_0.png", RULES));
    assertEquals(
        "https://backpack.tf/images/440/particles/70_94x94.png",
        ListingLinks.image("/images/440/particles/70_94x94.png", RULES),
        "a path is backpack.tf's own");
    assertNull(ListingLinks.image("http://steamcdn-a.akamaihd.net/a.png", RULES), "not https");
    assertNull(ListingLinks.image("https://example.invalid/avatar.jpg", RULES), "not listed");
    assertNull(ListingLinks.image("https://steamcdn-a.akamaihd.net.evil.example/a.png", RULES));
    assertNull(ListingLinks.image("https://user@steamcdn-a.akamaihd.net/a.png", RULES));
    assertNull(ListingLinks.image("https://steamcdn-a.akamaihd.net:8443/a.png", RULES));
    assertNull(ListingLinks.image("//steamcdn-a.akamaihd.net/a.png", RULES));
    assertNull(ListingLinks.image("https://steamcdn-a.akamaihd.net/a\".png", RULES));
    assertNull(ListingLinks.image("javascript:alert(1)", RULES));
    assertNull(ListingLinks.image(" ", RULES));
    assertNull(ListingLinks.image(null, RULES));
  }

  @Test
  void aSkinsharkListingLinksToItsMarketplacePageOnAListedHost() {
    ListingSnapshot listed =
        ListingSnapshot.builder(new ListingKey(Source.SKINSHARK, "ss_100000000001"))
            .imageUrl("https://cdn.skinshark.gg/icons/abc.png")
            .payload(
                "{\"id\":\"ss_100000000001\",\"marketplace\":\"skinport\","
                    + "\"listingUrl\":\"https://skinport.com/item/ak-47-redline/100000000001\"}")
            .build();
    ListingLinks links = ListingLinks.of(listed, RULES);
    assertEquals("https://skinport.com/item/ak-47-redline/100000000001", links.marketplace());
    assertEquals("skinport", links.marketplaceName());
    assertEquals("https://cdn.skinshark.gg/icons/abc.png", links.image());
    assertNull(links.listing());
    assertNull(links.sellerSteam());

    assertNull(ListingLinks.marketplacePage("https://evil.example/item/1", RULES));
    assertNull(ListingLinks.marketplacePage("http://skinport.com/item/1", RULES));
    assertNull(ListingLinks.marketplacePage("https://skinport.com.evil.example/1", RULES));
    assertEquals(
        "https://www.skinport.com/item/1",
        ListingLinks.marketplacePage("https://www.skinport.com/item/1", RULES),
        "a subdomain of a listed host");
    ListingSnapshot oddName =
        ListingSnapshot.builder(new ListingKey(Source.SKINSHARK, "ss_2"))
            .payload(
                "{\"marketplace\":\"<b>x</b>\",\"listingUrl\":\"https://skinshark.gg/market/ss_2\"}")
            .build();
    assertEquals("skinshark.gg", ListingLinks.of(oddName, RULES).marketplaceName());
  }

  @Test
  void hostListsKeepOnlyWellFormedHosts() {
    LinkRules rules =
        LinkRules.of("https://backpack.tf", " A.example , ,bad host,*.x,b.example", "");
    assertEquals(Set.of("a.example", "b.example"), rules.imageHosts());
    assertEquals("https://a.example https://b.example", rules.imageSources());
    assertEquals(Set.of(), rules.marketplaceHosts());
    assertThrows(IllegalArgumentException.class, () -> LinkRules.of("javascript:x", "", ""));
  }
}
