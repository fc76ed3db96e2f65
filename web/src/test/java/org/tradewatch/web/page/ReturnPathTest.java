package org.tradewatch.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The return path after a login is a path on this site, never a way to another one. */
class ReturnPathTest {

  @Test
  void aPathOnThisSiteIsKeptAsItIs() {
    for (String path :
        List.of(
            "/",
            "/notifications?folder=1",
            "/settings",
            "/?q=Team%20Captain&source=bptf&page=3",
            "/listings/bptf/440_123",
            "/?q=a%2F%2Fb",
            "/?next=//evil.example")) {
      assertEquals(Optional.of(path), ReturnPath.of(path), path);
    }
  }

  @Test
  void anythingThatCouldLeaveTheSiteIsRefused() {
    for (String path :
        List.of(
            "//evil.example",
            "//evil.example/notifications",
            "/\\evil.example",
            "\\\\evil.example",
            "http://evil.example/",
            "https:evil.example",
            "javascript:alert(1)",
            "evil.example",
            "notifications",
            "/%2F%2Fevil.example",
            "/%2fevil.example",
            "%2F%2Fevil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/%zz",
            "/é",
            "/\"><script>",
            "")) {
      assertEquals(Optional.empty(), ReturnPath.of(path), path);
    }
    assertEquals(Optional.empty(), ReturnPath.of((String) null));
    assertEquals(Optional.empty(), ReturnPath.of("/" + "a".repeat(ReturnPath.MAX_LENGTH)));
  }

  @Test
  void theLoginPagesAreNotReturnedTo() {
    for (String path :
        List.of("/login", "/login?next=/settings", "/register", "/logout", "/login/")) {
      assertEquals(Optional.empty(), ReturnPath.of(path), path);
    }
  }
}
