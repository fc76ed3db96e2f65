package org.tradewatch.core.watch;

import java.math.BigDecimal;
import java.util.Objects;
import org.tradewatch.core.listing.Intent;
import org.tradewatch.core.listing.ListingState;

/** Whether a listing, as a change left it, is a deal: what a deals-only watch asks of it. */
@FunctionalInterface
public interface DealTest {

  /** Whether the listing {@code state} holds is a deal now. */
  boolean isDeal(ListingState state);

  /**
   * A sell listing priced at least {@code minDiscountPercent} percent under its item's suggested
   * price (upstream's, carried by the listing): the part of the deal rules a single listing
   * answers, without the order books.
   *
   * @param minDiscountPercent more than 0, less than 100
   */
  static DealTest underSuggested(BigDecimal minDiscountPercent) {
    Objects.requireNonNull(minDiscountPercent, "minDiscountPercent");
    BigDecimal hundred = BigDecimal.valueOf(100);
    if (minDiscountPercent.signum() <= 0 || minDiscountPercent.compareTo(hundred) >= 0) {
      throw new IllegalArgumentException(
          "a deal's discount is more than 0 and less than 100 percent, was "
              + minDiscountPercent.toPlainString());
    }
    BigDecimal share = hundred.subtract(minDiscountPercent);
    return state ->
        state.intent() == Intent.SELL
            && state.value() != null
            && state.suggested() != null
            && state.suggested().signum() > 0
            // price <= suggested * (100 - discount) / 100, without dividing
            && state.value().multiply(hundred).compareTo(state.suggested().multiply(share)) <= 0;
  }
}
