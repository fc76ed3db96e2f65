package org.tradewatch.core.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final String HASH = "PBKDF2WithHmacSHA256:210000:c2FsdA==:aGFzaA==";

  @Test
  void theKeyIsTheUsernameInLowerCase() {
    Account account = new Account("Alice", "alice", HASH, Optional.empty(), T);
    assertEquals("alice", Account.keyOf("ALICE"));
    assertEquals(account.key(), Account.keyOf(account.username()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Account("Alice", "Alice", HASH, Optional.empty(), T));
    assertTrue(e.getMessage().contains("lower case"), e.getMessage());
  }

  @Test
  void everyPartIsRequired() {
    assertThrows(
        NullPointerException.class, () -> new Account(null, "a", HASH, Optional.empty(), T));
    assertThrows(
        NullPointerException.class, () -> new Account("abc", "abc", null, Optional.empty(), T));
    assertThrows(NullPointerException.class, () -> new Account("abc", "abc", HASH, null, T));
    assertThrows(
        NullPointerException.class, () -> new Account("abc", "abc", HASH, Optional.empty(), null));
    assertThrows(
        IllegalArgumentException.class, () -> new Account("abc", "abc", " ", Optional.empty(), T));
  }

  @Test
  void toStringShowsNeitherTheHashNorTheCiphertext() {
    StoredToken token = new StoredToken("v1:c2VjcmV0Y2lwaGVydGV4dA==", "0a85");
    String text = new Account("Alice", "alice", HASH, Optional.of(token), T).toString();
    assertFalse(text.contains(HASH), text);
    assertFalse(text.contains(token.ciphertext()), text);
    assertTrue(text.contains("Alice") && text.contains("0a85"), text);
  }

  @Test
  void withTokenKeepsTheRest() {
    Account account = new Account("Alice", "alice", HASH, Optional.empty(), T);
    StoredToken token = new StoredToken("v1:x", "0a85");
    Account with = account.withToken(Optional.of(token));
    assertEquals(Optional.of(token), with.token());
    assertEquals(account, with.withToken(Optional.empty()));
  }

  @Test
  void aStoredTokenShowsExactlyItsLastFourCharacters() {
    assertEquals("0a85", StoredToken.last4Of("5904cbeb0e2cad7f621c0a85"));
    assertEquals("0a85", new StoredToken("v1:x", "0a85").last4());
    assertThrows(IllegalArgumentException.class, () -> StoredToken.last4Of("abc"));
    assertThrows(IllegalArgumentException.class, () -> new StoredToken("v1:x", "a85"));
    assertThrows(IllegalArgumentException.class, () -> new StoredToken("v1:x", "00a85"));
    assertThrows(IllegalArgumentException.class, () -> new StoredToken("", "0a85"));
    assertThrows(NullPointerException.class, () -> new StoredToken(null, "0a85"));
  }

  @Test
  void aSessionStampFollowsThePasswordAndTheRegistrationAndHidesTheHash() {
    Account account = new Account("Alice", "alice", HASH, Optional.empty(), T);
    String stamp = account.sessionStamp();
    assertEquals(stamp, new Account("Alice", "alice", HASH, Optional.empty(), T).sessionStamp());
    assertEquals(
        stamp,
        account.withToken(Optional.of(new StoredToken("v1:x", "0a85"))).sessionStamp(),
        "saving a token keeps the sessions");
    assertFalse(stamp.equals(account.withPasswordHash("other").sessionStamp()), "new password");
    assertFalse(
        stamp.equals(
            new Account("alice", "alice", HASH, Optional.empty(), T.plusNanos(1000))
                .sessionStamp()),
        "the same name registered again");
    assertFalse(stamp.contains(HASH) || stamp.contains("aGFzaA"), stamp);
  }

  @Test
  void aStoredTokenStartsUnusedUnlessSaidOtherwise() {
    assertTrue(new StoredToken("v1:x", "0a85").lastUsedAt().isEmpty());
    assertEquals(Optional.of(T), new StoredToken("v1:x", "0a85", Optional.of(T)).lastUsedAt());
    assertThrows(NullPointerException.class, () -> new StoredToken("v1:x", "0a85", null));
  }
}
