package org.tradewatch.web.page.listing;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.tradewatch.core.item.ItemKey;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.web.format.Prices;
import org.tradewatch.web.listing.LinkRules;
import org.tradewatch.web.listing.ListingLinks;

/**
 * One listing as the pages show it: the price as traders write it (thousands separated), the
 * quality as a CSS class, the seller's name or id. Getters, not a record, because the templates
 * read properties by name.
 *
 * <p>{@code static/listings-live.js} renders live rows with the same rules ({@link Prices}, {@code
 * qualityClass}); a change here belongs there too.
 */
public final class ListingView {

  /** Shown where a value is missing, so an empty cell never reads as a rendering fault. */

  /** TF2 qualities and CS2 rarities with a colour in app.css, by lower-case name. */
  private static final Map<String, String> QUALITY_CLASSES =
      Map.ofEntries(
          Map.entry("normal", "q-normal"),
          Map.entry("genuine", "q-genuine"),
          Map.entry("vintage", "q-vintage"),
          Map.entry("unusual", "q-unusual"),
          Map.entry("unique", "q-unique"),
          Map.entry("strange", "q-strange"),
          Map.entry("haunted", "q-haunted"),
          Map.entry("collector's", "q-collectors"),
          Map.entry("decorated", "q-decorated"),
          Map.entry("decorated weapon", "q-decorated"),
          Map.entry("self-made", "q-self-made"),
          Map.entry("consumer grade", "q-consumer"),
          Map.entry("industrial grade", "q-industrial"),
          Map.entry("mil-spec", "q-mil-spec"),
          Map.entry("mil-spec grade", "q-mil-spec"),
          Map.entry("restricted", "q-restricted"),
          Map.entry("classified", "q-classified"),
          Map.entry("covert", "q-covert"),
          Map.entry("contraband", "q-contraband"));

  private final Listing listing;
  private final ListingSnapshot snapshot;
  private ListingLinks links;

  public ListingView(Listing listing) {
    this.listing = listing;
    this.snapshot = listing.snapshot();
  }

  public String getSource() {
    return snapshot.key().source().id();
  }

  public String getId() {
    return snapshot.key().id();
  }

  public String getItemName() {
    return snapshot.itemName() == null ? "(unnamed item)" : snapshot.itemName();
  }

  /** The listing's item key, for the link to its item's page; null when upstream named none. */
  public String getItemKey() {
    ItemKey item = ItemKey.of(snapshot);
    return item == null ? null : item.id();
  }

  public String getQuality() {
    return snapshot.quality();
  }

  public String getQualityClass() {
    return qualityClass(snapshot.quality());
  }

  public String getParticle() {
    return snapshot.particle();
  }

  public String getWear() {
    return snapshot.wear();
  }

  public String getPrice() {
    return Prices.priceText(snapshot);
  }

  /** The sort value with its unit (refined metal for backpack.tf), or {@link Prices#NONE}. */
  public String getValue() {
    return Prices.amount(snapshot.value(), snapshot.valueUnit());
  }

  /** The value as a plain number, for the live script to place arrivals; null when none. */
  public String getSortValue() {
    return snapshot.value() == null ? null : snapshot.value().toPlainString();
  }

  public String getIntent() {
    return snapshot.intent() == null ? null : snapshot.intent().id();
  }

  /** The seller's name, else their id, else null (skinshark does not name sellers). */
  public String getSeller() {
    return snapshot.sellerName() != null ? snapshot.sellerName() : snapshot.sellerId();
  }

  public String getSellerId() {
    return snapshot.sellerId();
  }

  public String getDetails() {
    return snapshot.details();
  }

  public Integer getAppid() {
    return snapshot.appid();
  }

  public Instant getListedAt() {
    return snapshot.listedAt();
  }

  public Instant getBumpedAt() {
    return snapshot.bumpedAt();
  }

  public Instant getUpdatedAt() {
    return listing.updatedAt();
  }

  public Instant getDeletedAt() {
    return listing.deletedAt();
  }

  public boolean isDeleted() {
    return listing.deleted();
  }

  /** Where the trader can go from here (each link checked; null where there is none). */
  public ListingLinks getLinks() {
    if (links == null) {
      links = ListingLinks.of(snapshot, LinkRules.current());
    }
    return links;
  }

  /**
   * The CSS class of a quality's colour ({@code q-unusual}), or {@code q-other} for a quality the
   * stylesheet has no colour for. Upstream's own colour cannot be used: the Content-Security-Policy
   * allows no inline style.
   */
  public static String qualityClass(String quality) {
    if (quality == null) {
      return "q-other";
    }
    return QUALITY_CLASSES.getOrDefault(quality.strip().toLowerCase(Locale.ROOT), "q-other");
  }
}
