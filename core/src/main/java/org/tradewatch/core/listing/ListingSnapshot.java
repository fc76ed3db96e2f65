package org.tradewatch.core.listing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an upstream says a listing is, at one moment: the item, the price and the seller, plus the
 * upstream's listing object exactly as received. Every field but the key and the payload may be
 * null, because upstream marks every field optional.
 *
 * <p>The decoders keep every field within {@link StoreLimits}, so every snapshot they make can be
 * stored as it is.
 *
 * @param key source and upstream listing id
 * @param appid the game (440 TF2, 730 CS2), or null
 * @param itemName the item's display name
 * @param quality the quality's name (Unique, Strange, Unusual...), or null
 * @param qualityColor the quality's colour as {@code #RRGGBB}, or null
 * @param particle an unusual effect's name, or null
 * @param wear a wear tier or float description, or null
 * @param imageUrl the item's picture, or null
 * @param intent buy or sell, or null when upstream did not say
 * @param currencies the price as upstream states it, currency name to amount, in upstream order
 * @param value the sort key: refined metal for backpack.tf, the price for skinshark
 * @param valueUnit the unit of {@code value}: {@code ref}, or a currency code such as {@code USD}
 * @param sellerId the upstream user id of whoever listed it
 * @param sellerName that user's display name (user-written text: escape before rendering)
 * @param details the listing's comment (user-written text: escape before rendering)
 * @param listedAt when it was first listed
 * @param bumpedAt when it was last bumped (may be earlier than {@code listedAt} upstream)
 * @param payload the upstream listing object as received, as JSON text
 * @param craftable whether the item is craftable (backpack.tf {@code item.craftable}), or null
 * @param killstreakTier the item's killstreak tier (backpack.tf {@code item.killstreakTier}, 1 to
 *     3), or null
 * @param australium whether the item is australium (backpack.tf {@code item.australium}), or null
 * @param festivized whether the item is festivized (backpack.tf {@code item.festivized}), or null
 * @param stattrak whether the item counts kills (skinshark {@code stattrak}), or null
 * @param suggested upstream's suggested price for the item in the unit of {@code value}
 *     (backpack.tf {@code item.price.suggested.raw}, refined metal), or null
 */
public record ListingSnapshot(
    ListingKey key,
    Integer appid,
    String itemName,
    String quality,
    String qualityColor,
    String particle,
    String wear,
    String imageUrl,
    Intent intent,
    Map<String, BigDecimal> currencies,
    BigDecimal value,
    String valueUnit,
    String sellerId,
    String sellerName,
    String details,
    Instant listedAt,
    Instant bumpedAt,
    String payload,
    Boolean craftable,
    Integer killstreakTier,
    Boolean australium,
    Boolean festivized,
    Boolean stattrak,
    BigDecimal suggested) {

  public ListingSnapshot {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    currencies =
        currencies == null || currencies.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(currencies));
  }

  /** The unit the price compares in ({@link PriceUnit#of}), or null. */
  public String priceUnit() {
    return PriceUnit.of(key.source(), currencies.keySet(), value, valueUnit);
  }

  public static Builder builder(ListingKey key) {
    return new Builder(key);
  }

  /** A builder seeded with this snapshot's values. */
  public Builder toBuilder() {
    return new Builder(key)
        .appid(appid)
        .itemName(itemName)
        .quality(quality)
        .qualityColor(qualityColor)
        .particle(particle)
        .wear(wear)
        .imageUrl(imageUrl)
        .intent(intent)
        .currencies(currencies)
        .value(value)
        .valueUnit(valueUnit)
        .sellerId(sellerId)
        .sellerName(sellerName)
        .details(details)
        .listedAt(listedAt)
        .bumpedAt(bumpedAt)
        .payload(payload)
        .craftable(craftable)
        .killstreakTier(killstreakTier)
        .australium(australium)
        .festivized(festivized)
        .stattrak(stattrak)
        .suggested(suggested);
  }

  /** Builds snapshots field by field; decoders and tests use it instead of the long constructor. */
  public static final class Builder {
    private final ListingKey key;
    private Integer appid;
    private String itemName;
    private String quality;
    private String qualityColor;
    private String particle;
    private String wear;
    private String imageUrl;
    private Intent intent;
    private Map<String, BigDecimal> currencies = Map.of();
    private BigDecimal value;
    private String valueUnit;
    private String sellerId;
    private String sellerName;
    private String details;
    private Instant listedAt;
    private Instant bumpedAt;
    private String payload = "{}";
    private Boolean craftable;
    private Integer killstreakTier;
    private Boolean australium;
    private Boolean festivized;
    private Boolean stattrak;
    private BigDecimal suggested;

    private Builder(ListingKey key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    public Builder appid(Integer appid) {
      this.appid = appid;
      return this;
    }

    public Builder itemName(String itemName) {
      this.itemName = itemName;
      return this;
    }

    public Builder quality(String quality) {
      this.quality = quality;
      return this;
    }

    public Builder qualityColor(String qualityColor) {
      this.qualityColor = qualityColor;
      return this;
    }

    public Builder particle(String particle) {
      this.particle = particle;
      return this;
    }

    public Builder wear(String wear) {
      this.wear = wear;
      return this;
    }

    public Builder imageUrl(String imageUrl) {
      this.imageUrl = imageUrl;
      return this;
    }

    public Builder intent(Intent intent) {
      this.intent = intent;
      return this;
    }

    public Builder currencies(Map<String, BigDecimal> currencies) {
      this.currencies = currencies;
      return this;
    }

    public Builder value(BigDecimal value) {
      this.value = value;
      return this;
    }

    public Builder valueUnit(String valueUnit) {
      this.valueUnit = valueUnit;
      return this;
    }

    public Builder sellerId(String sellerId) {
      this.sellerId = sellerId;
      return this;
    }

    public Builder sellerName(String sellerName) {
      this.sellerName = sellerName;
      return this;
    }

    public Builder details(String details) {
      this.details = details;
      return this;
    }

    public Builder listedAt(Instant listedAt) {
      this.listedAt = listedAt;
      return this;
    }

    public Builder bumpedAt(Instant bumpedAt) {
      this.bumpedAt = bumpedAt;
      return this;
    }

    public Builder payload(String payload) {
      this.payload = payload;
      return this;
    }

    public Builder craftable(Boolean craftable) {
      this.craftable = craftable;
      return this;
    }

    public Builder killstreakTier(Integer killstreakTier) {
      this.killstreakTier = killstreakTier;
      return this;
    }

    public Builder australium(Boolean australium) {
      this.australium = australium;
      return this;
    }

    public Builder festivized(Boolean festivized) {
      this.festivized = festivized;
      return this;
    }

    public Builder stattrak(Boolean stattrak) {
      this.stattrak = stattrak;
      return this;
    }

    public Builder suggested(BigDecimal suggested) {
      this.suggested = suggested;
      return this;
    }

    public ListingSnapshot build() {
      return new ListingSnapshot(
          key,
          appid,
          itemName,
          quality,
          qualityColor,
          particle,
          wear,
          imageUrl,
          intent,
          currencies,
          value,
          valueUnit,
          sellerId,
          sellerName,
          details,
          listedAt,
          bumpedAt,
          payload,
          craftable,
          killstreakTier,
          australium,
          festivized,
          stattrak,
          suggested);
    }
  }
}
