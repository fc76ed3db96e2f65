package org.tradewatch.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PagesTest {

  @Test
  void theNavigationSectionIsThePathsFirstSegment() {
    assertEquals("listings", Pages.section(""));
    assertEquals("listings", Pages.section("/"));
    assertEquals("listings", Pages.section(null));
    assertEquals("notifications", Pages.section("/notifications"));
    assertEquals("listings", Pages.section("/listings/bptf/440_1"));
    assertEquals("status", Pages.section("/status"));
  }
}
