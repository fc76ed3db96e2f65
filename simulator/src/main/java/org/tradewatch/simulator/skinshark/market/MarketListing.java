package org.tradewatch.simulator.skinshark.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.tradewatch.simulator.json.JsonText;

/**
 * One listing on the market, priced before any viewer's fee.
 *
 * @param id the buyable listing id ({@code ss_} and 12 digits)
 * @param itemId the item it sells ({@code 730_<assetid>})
 * @param name the market name, wear included
 * @param baseCents the seller's price in cents, before the viewer's fee
 * @param floatValue the wear float in [0, 1)
 * @param wear the wear tier the float falls in
 * @param rarity the rarity name
 * @param type the weapon or item type
 * @param iconUrl the item's picture
 * @param stattrak whether the item counts kills
 * @param marketplace which connected marketplace holds it (its page: {@link #listingUrl()})
 * @param featured whether the curated feed ({@code GET /market}, {@code scope=watchlist}) shows it
 */
public record MarketListing(
    String id,
    String itemId,
    String name,
    long baseCents,
    double floatValue,
    String wear,
    String rarity,
    String type,
    String iconUrl,
    boolean stattrak,
    String marketplace,
    boolean featured) {

  public static final String CURRENCY = "USD";

  /** The same listing at another base price. */
  public MarketListing repriced(long cents) {
    return new MarketListing(
        id,
        itemId,
        name,
        cents,
        floatValue,
        wear,
        rarity,
        type,
        iconUrl,
        stattrak,
        marketplace,
        featured);
  }

  /** The price a viewer paying {@code feePercent} sees: base plus fee, rounded half up to cents. */
  public BigDecimal price(BigDecimal feePercent) {
    return BigDecimal.valueOf(baseCents)
        .multiply(BigDecimal.valueOf(100).add(feePercent))
        .divide(BigDecimal.valueOf(10_000), 2, RoundingMode.HALF_UP);
  }

  /**
   * The listing as JSON. The firehose ({@code full == false}) omits {@code type} and {@code
   * iconUrl}, as upstream documents.
   */
  public StringBuilder appendJson(StringBuilder out, BigDecimal feePercent, boolean full) {
    out.append("{\"id\":");
    JsonText.appendString(out, id);
    out.append(",\"itemId\":");
    JsonText.appendString(out, itemId);
    out.append(",\"name\":");
    JsonText.appendString(out, name);
    out.append(",\"price\":").append(price(feePercent).toPlainString());
    out.append(",\"currency\":\"").append(CURRENCY).append('"');
    out.append(",\"float\":").append(String.format(java.util.Locale.ROOT, "%.6f", floatValue));
    out.append(",\"wear\":");
    JsonText.appendString(out, wear);
    out.append(",\"rarity\":");
    JsonText.appendString(out, rarity);
    if (full) {
      out.append(",\"type\":");
      JsonText.appendString(out, type);
      out.append(",\"iconUrl\":");
      JsonText.appendString(out, iconUrl);
    }
    out.append(",\"stattrak\":").append(stattrak);
    out.append(",\"marketplace\":");
    JsonText.appendString(out, marketplace);
    out.append(",\"listingUrl\":");
    JsonText.appendString(out, listingUrl());
    return out.append('}');
  }

  /**
   * The listing's page on the marketplace that holds it, in each marketplace's own address scheme,
   * from the listing's number: what a trader opens to buy it there.
   */
  public String listingUrl() {
    String number = id.startsWith("ss_") ? id.substring(3) : id;
    return switch (marketplace) {
      case "csfloat" -> "https://csfloat.com/item/" + number;
      case "buff163" -> "https://buff.163.com/goods/" + number;
      case "skinport" -> "https://skinport.com/item/" + slug(name) + "/" + number;
      default -> "https://skinshark.gg/market/" + id;
    };
  }

  /** "StatTrak™ AK-47 | Redline (Field-Tested)" as "stattrak-ak-47-redline-field-tested". */
  static String slug(String name) {
    return name.toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
  }
}
