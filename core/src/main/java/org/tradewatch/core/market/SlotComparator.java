package org.tradewatch.core.market;

/** An order of listings by slot, read from the columns; distinct slots never compare equal. */
@FunctionalInterface
interface SlotComparator {
  int compare(int a, int b);
}
