package org.tradewatch.core.item;

import java.math.BigDecimal;
import java.util.Objects;
import org.tradewatch.core.listing.Source;

/**
 * What a Mann Co. Supply Crate Key sells for in refined metal on backpack.tf, the rate traders
 * write prices with ({@code 2 keys, 11.33 ref}). Taken from the stream: the median value of the
 * live sell listings of the key itself, whose {@code value.raw} is the key's price in metal (a key
 * priced in metal says it outright; one priced "1 key" is valued at backpack.tf's own key price).
 * Until the stream has sold a key, {@link #DEFAULT_REF}.
 *
 * @param ref refined metal per key, more than 0
 * @param seen whether it comes from the stream (false: the default)
 */
public record KeyPrice(BigDecimal ref, boolean seen) {

  /** The key as an item: a plain, craftable, Unique key of TF2. */
  public static final ItemKey ITEM =
      new ItemKey(
          Source.BPTF, 440, "Mann Co. Supply Crate Key", "Unique", null, true, 0, false, false);

  /** A sane rate until the stream gives one: about what a key went for in 2025-2026. */
  public static final BigDecimal DEFAULT_REF = new BigDecimal("60.00");

  public static final KeyPrice DEFAULT = new KeyPrice(DEFAULT_REF, false);

  public KeyPrice {
    Objects.requireNonNull(ref, "ref");
    if (ref.signum() <= 0) {
      throw new IllegalArgumentException("a key's price must be more than 0 ref, was " + ref);
    }
  }
}
