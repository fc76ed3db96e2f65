package org.tradewatch.web.page.listing;

import java.util.function.IntFunction;

/**
 * The paging links under the listings: first, previous, next and last, each the address of its page
 * (from the function given to {@link #of}), or null where there is no page to go to.
 *
 * <p>With an exact total the last page is known: Next shows up to it, Last goes to it, and a page
 * past it (an old bookmark, a typed {@code ?page=999999}) says so and links back to it. A total
 * that was not counted to its end ({@code totalExact} false) says only that more listings exist:
 * then a full page is the one sign of a next one, and the last page cannot be named.
 */
public final class Paging {

  private final int page;
  private final Integer lastPage;
  private final boolean pastTheEnd;
  private final String first;
  private final String previous;
  private final String next;
  private final String last;

  private Paging(
      int page,
      Integer lastPage,
      boolean pastTheEnd,
      String first,
      String previous,
      String next,
      String last) {
    this.page = page;
    this.lastPage = lastPage;
    this.pastTheEnd = pastTheEnd;
    this.first = first;
    this.previous = previous;
    this.next = next;
    this.last = last;
  }

  /**
   * The links of page {@code page} (from 1) that shows {@code shown} rows of at most {@code
   * pageSize}, out of {@code total} matches ({@code exact} or a lower bound); {@code link} gives
   * the address of a page. First and Last are left out where Previous or Next already go there.
   */
  static Paging of(
      int page, int shown, int pageSize, long total, boolean exact, IntFunction<String> link) {
    if (!exact) {
      boolean beyond = shown == 0 && page > 1;
      Integer previous = page > 1 && !beyond ? page - 1 : null;
      return of(page, null, beyond, previous, shown >= pageSize ? page + 1 : null, link);
    }
    int lastPage =
        (int) Math.min(Integer.MAX_VALUE, Math.max(1, (total + pageSize - 1) / pageSize));
    boolean beyond = page > lastPage;
    // Past the end, the way back is the last page with rows, not the (empty) page before this one.
    Integer previous = beyond ? Integer.valueOf(lastPage) : page > 1 ? page - 1 : null;
    Integer next = page < lastPage ? page + 1 : null;
    return of(page, lastPage, beyond && total > 0, previous, next, link);
  }

  private static Paging of(
      int page,
      Integer lastPage,
      boolean pastTheEnd,
      Integer previous,
      Integer next,
      IntFunction<String> link) {
    Integer first = page > 1 && !Integer.valueOf(1).equals(previous) ? 1 : null;
    Integer last = lastPage != null && page < lastPage && !lastPage.equals(next) ? lastPage : null;
    return new Paging(
        page,
        lastPage,
        pastTheEnd,
        href(first, link),
        href(previous, link),
        href(next, link),
        href(last, link));
  }

  private static String href(Integer page, IntFunction<String> link) {
    return page == null ? null : link.apply(page);
  }

  public int getPage() {
    return page;
  }

  /** The number of the last page, or null when the total was not counted to its end. */
  public Integer getLastPage() {
    return lastPage;
  }

  /** Whether this page lies past the last listing: it shows none, though some match. */
  public boolean isPastTheEnd() {
    return pastTheEnd;
  }

  /** "page 3 of 12", or "page 3" when the last page is not known. */
  public String getText() {
    return lastPage == null ? "page " + page : "page " + page + " of " + lastPage;
  }

  /** Whether the links are worth showing: there is more than the one page. */
  public boolean isShown() {
    return first != null || previous != null || next != null || last != null;
  }

  public String getFirst() {
    return first;
  }

  public String getPrevious() {
    return previous;
  }

  public String getNext() {
    return next;
  }

  public String getLast() {
    return last;
  }
}
