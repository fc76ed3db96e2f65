package org.tradewatch.core.deal;

import java.util.List;

/**
 * One page of open deals.
 *
 * @param deals the page's deals, newest first
 * @param total how many open deals match across all pages
 */
public record DealPage(List<Deal> deals, long total) {

  public DealPage {
    deals = List.copyOf(deals);
  }
}
