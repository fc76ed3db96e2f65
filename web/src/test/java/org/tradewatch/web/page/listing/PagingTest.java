package org.tradewatch.web.page.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The listings' paging links: never a Next past the last page, always a way to the last one. */
class PagingTest {

  private static final IntFunction<String> LINK = page -> "p" + page;

  @Test
  void withAnExactTotalNextStopsAtTheLastPageAndLastGoesThere() {
    Paging first = Paging.of(1, 50, 50, 120, true, LINK);
    assertEquals("page 1 of 3", first.getText());
    assertNull(first.getFirst());
    assertNull(first.getPrevious());
    assertEquals("p2", first.getNext());
    assertEquals("p3", first.getLast());
    assertTrue(first.isShown());
    assertFalse(first.isPastTheEnd());

    Paging middle = Paging.of(2, 50, 50, 120, true, LINK);
    assertNull(middle.getFirst(), "Previous already goes to page 1");
    assertEquals("p1", middle.getPrevious());
    assertEquals("p3", middle.getNext());
    assertNull(middle.getLast(), "Next already goes to the last page");

    Paging last = Paging.of(3, 20, 50, 120, true, LINK);
    assertEquals("page 3 of 3", last.getText());
    assertEquals("p1", last.getFirst());
    assertEquals("p2", last.getPrevious());
    assertNull(last.getNext());
    assertNull(last.getLast());
  }

  @Test
  void aPagePastTheLastSaysSoAndLeadsBackToTheLastPage() {
    Paging beyond = Paging.of(999_999, 0, 50, 120, true, LINK);
    assertTrue(beyond.isPastTheEnd());
    assertEquals(3, beyond.getLastPage());
    assertNull(beyond.getNext());
    assertNull(beyond.getLast());
    assertEquals("p3", beyond.getPrevious());
    assertEquals("p1", beyond.getFirst());
    assertEquals("page 999999 of 3", beyond.getText());
  }

  @Test
  void noMatchesIsOnePageAndNotPastTheEnd() {
    Paging none = Paging.of(1, 0, 50, 0, true, LINK);
    assertFalse(none.isShown());
    assertFalse(none.isPastTheEnd());
    Paging later = Paging.of(4, 0, 50, 0, true, LINK);
    assertFalse(later.isPastTheEnd(), "nothing matches: not a page too far");
    assertEquals("p1", later.getPrevious());
    assertNull(later.getNext());
  }

  @Test
  void aSinglePageShowsNoLinks() {
    Paging only = Paging.of(1, 50, 50, 50, true, LINK);
    assertFalse(only.isShown());
    assertNull(only.getNext());
  }

  @Test
  void withoutAnExactTotalOnlyAFullPageOffersNextAndNoLastIsNamed() {
    Paging full = Paging.of(4, 50, 50, 1000, false, LINK);
    assertEquals("page 4", full.getText());
    assertNull(full.getLastPage());
    assertEquals("p5", full.getNext());
    assertEquals("p3", full.getPrevious());
    assertEquals("p1", full.getFirst());
    assertNull(full.getLast());

    Paging partial = Paging.of(5, 12, 50, 1000, false, LINK);
    assertNull(partial.getNext(), "a page that is not full is the last");
    assertFalse(partial.isPastTheEnd());

    Paging beyond = Paging.of(999_999, 0, 50, 1000, false, LINK);
    assertTrue(beyond.isPastTheEnd());
    assertNull(beyond.getNext());
    assertNull(beyond.getPrevious(), "the page before is likely empty too");
    assertEquals("p1", beyond.getFirst());
  }
}
