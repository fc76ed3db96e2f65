package org.tradewatch.core.listing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.tradewatch.core.item.ItemKey;

/**
 * The searchable part of a stored listing after an applied event, and where the whole listing is
 * kept: what the market model holds of each listing, what the live socket's filters and the ingest
 * rules look at, without the payload and display texts that only a page of results needs.
 *
 * @param key source and upstream id
 * @param appid the game, or null
 * @param itemName the item's display name, or null
 * @param quality the quality (or skinshark rarity) name, or null
 * @param intent buy or sell, or null
 * @param value the sort value (refined metal for backpack.tf, the price for skinshark), or null
 * @param updatedAt when Tradewatch last applied an event to it
 * @param deletedAt when it was deleted, or null while live
 * @param lastEvent the digest of the id of the event last applied
 * @param lastEventAt that event's upstream time
 * @param seq the position of the stored state in the event log: a later state of the same listing
 *     always has a greater one, so a state that is not newer than what is held can be ignored
 * @param item the item the listing offers or asks for ({@link ItemKey#of}), or null when upstream
 *     named none
 * @param suggested upstream's suggested price for the item, in the unit of {@code value}, or null
 * @param priceUnit the unit the price compares in ({@link PriceUnit}), or null when it compares
 *     with no other
 */
public record ListingState(
    ListingKey key,
    Integer appid,
    String itemName,
    String quality,
    Intent intent,
    BigDecimal value,
    Instant updatedAt,
    Instant deletedAt,
    EventDigest lastEvent,
    Instant lastEventAt,
    long seq,
    ItemKey item,
    BigDecimal suggested,
    String priceUnit) {

  public ListingState {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(lastEvent, "lastEvent");
    Objects.requireNonNull(lastEventAt, "lastEventAt");
  }

  /** A state whose price is in its source's usual unit ({@link PriceUnit#usual}). */
  public ListingState(
      ListingKey key,
      Integer appid,
      String itemName,
      String quality,
      Intent intent,
      BigDecimal value,
      Instant updatedAt,
      Instant deletedAt,
      EventDigest lastEvent,
      Instant lastEventAt,
      long seq,
      ItemKey item,
      BigDecimal suggested) {
    this(
        key,
        appid,
        itemName,
        quality,
        intent,
        value,
        updatedAt,
        deletedAt,
        lastEvent,
        lastEventAt,
        seq,
        item,
        suggested,
        PriceUnit.usual(key.source(), value));
  }

  /** A state that names no item and no suggested price, priced in its source's usual unit. */
  public ListingState(
      ListingKey key,
      Integer appid,
      String itemName,
      String quality,
      Intent intent,
      BigDecimal value,
      Instant updatedAt,
      Instant deletedAt,
      EventDigest lastEvent,
      Instant lastEventAt,
      long seq) {
    this(
        key,
        appid,
        itemName,
        quality,
        intent,
        value,
        updatedAt,
        deletedAt,
        lastEvent,
        lastEventAt,
        seq,
        null,
        null,
        PriceUnit.usual(key.source(), value));
  }

  /** The state of a stored listing written at {@code seq}. */
  public static ListingState of(Listing listing, long seq) {
    ListingSnapshot snapshot = listing.snapshot();
    return new ListingState(
        listing.key(),
        snapshot.appid(),
        snapshot.itemName(),
        snapshot.quality(),
        snapshot.intent(),
        snapshot.value(),
        listing.updatedAt(),
        listing.deletedAt(),
        EventDigest.of(listing.lastEventId()),
        listing.lastEventAt(),
        seq,
        ItemKey.of(snapshot),
        snapshot.suggested(),
        snapshot.priceUnit());
  }

  /**
   * This listing marked deleted by an event that names it without describing it, keeping what is
   * known of it.
   */
  public ListingState buried(
      String eventId, Instant eventAt, Instant deletedAt, Instant updatedAt, long seq) {
    return new ListingState(
        key,
        appid,
        itemName,
        quality,
        intent,
        value,
        updatedAt,
        deletedAt,
        EventDigest.of(eventId),
        eventAt,
        seq,
        item,
        suggested,
        priceUnit);
  }

  /**
   * This listing deleted by a sweep at {@code deletedAt} (its last event unchanged), written at
   * {@code seq}: what is known of it, its item included, stays as it was.
   */
  public ListingState swept(Instant deletedAt, long seq) {
    return new ListingState(
        key,
        appid,
        itemName,
        quality,
        intent,
        value,
        deletedAt,
        deletedAt,
        lastEvent,
        lastEventAt,
        seq,
        item,
        suggested,
        priceUnit);
  }

  public boolean deleted() {
    return deletedAt != null;
  }
}
