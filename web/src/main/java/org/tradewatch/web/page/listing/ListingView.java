package org.tradewatch.web.page.listing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;
import org.tradewatch.web.page.Formats;

/**
 * One listing as the pages show it: the price as traders write it (thousands separated), the
 * quality as a CSS class, the seller's name or id. Getters, not a record, because the templates
 * read properties by name.
 *
 * <p>{@code static/listings-live.js} renders live rows with the same rules ({@code priceText},
 * {@code qualityClass}); a change here belongs there too.
 */
public final class ListingView {

  /** Shown where a value is missing, so an empty cell never reads as a rendering fault. */
  static final String NONE = "—";

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
    return priceText(snapshot);
  }

  /** The sort value with its unit (refined metal for backpack.tf), or {@link #NONE}. */
  public String getValue() {
    return amount(snapshot.value(), snapshot.valueUnit());
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

  /**
   * The price as traders read it: backpack.tf {@code 2 keys, 11.33 ref} (zero parts left out),
   * skinshark {@code $12.34}; {@link #NONE} when the listing has no price.
   */
  public static String priceText(ListingSnapshot snapshot) {
    if (snapshot.key().source() == Source.BPTF && !snapshot.currencies().isEmpty()) {
      return bptfPrice(snapshot.currencies());
    }
    return amount(snapshot.value(), snapshot.valueUnit());
  }

  /** backpack.tf currencies in the order traders say them: keys, then metal, then the rest. */
  static String bptfPrice(Map<String, BigDecimal> currencies) {
    List<String> parts = new ArrayList<>();
    BigDecimal keys = currencies.get("keys");
    if (keys != null && keys.signum() != 0) {
      String count = decimals(keys, RoundingMode.HALF_UP);
      parts.add(count + (count.equals("1") ? " key" : " keys"));
    }
    BigDecimal metal = currencies.get("metal");
    if (metal != null && metal.signum() != 0) {
      parts.add(ref(metal));
    }
    for (Map.Entry<String, BigDecimal> other : currencies.entrySet()) {
      String name = other.getKey();
      if (!name.equals("keys") && !name.equals("metal") && other.getValue().signum() != 0) {
        parts.add(amount(other.getValue(), name));
      }
    }
    return parts.isEmpty() ? "0 ref" : String.join(", ", parts);
  }

  /**
   * An amount in a unit: {@code ref} as refined metal, currency codes as money ({@code $12.34},
   * {@code €3.50}, {@code 12.00 PLN}), anything else as number and name; {@link #NONE} for none.
   */
  public static String amount(BigDecimal amount, String unit) {
    if (amount == null) {
      return NONE;
    }
    if (unit == null) {
      return decimals(amount, RoundingMode.HALF_UP);
    }
    String code = unit.strip().toUpperCase(Locale.ROOT);
    return switch (code) {
      case "REF", "METAL" -> ref(amount);
      case "USD" -> "$" + money(amount);
      case "EUR" -> "€" + money(amount);
      case "GBP" -> "£" + money(amount);
      default ->
          code.length() == 3 && code.chars().allMatch(Character::isLetter)
              ? money(amount) + " " + code
              : decimals(amount, RoundingMode.HALF_UP) + " " + unit;
    };
  }

  /**
   * Refined metal with at most two decimals, cut rather than rounded: a scrap is 1/9 ref and
   * traders write 5 scrap as 0.55 and 8 scrap as 0.88, never 0.56 or 0.89.
   */
  static String ref(BigDecimal metal) {
    return decimals(metal, RoundingMode.DOWN) + " ref";
  }

  private static String money(BigDecimal amount) {
    return Formats.grouped(amount.setScale(2, RoundingMode.HALF_UP).toPlainString());
  }

  /** At most two decimals, trailing zeros dropped, thousands separated, never in exponent form. */
  private static String decimals(BigDecimal amount, RoundingMode rounding) {
    BigDecimal scaled = amount.setScale(2, rounding).stripTrailingZeros();
    return Formats.grouped((scaled.signum() == 0 ? BigDecimal.ZERO : scaled).toPlainString());
  }
}
