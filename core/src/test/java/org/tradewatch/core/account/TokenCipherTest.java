package org.tradewatch.core.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

  private static final String TOKEN = "5904cbeb0e2cad7f621c0a85";
  private static final int IV_BYTES = 12;
  private static final int TAG_BYTES = 16;

  private final byte[] key = TokenCipher.newKey();
  private final TokenCipher cipher = new TokenCipher(key);

  private static byte[] payload(String stored) {
    assertTrue(stored.startsWith("v1:"), stored);
    return Base64.getDecoder().decode(stored.substring(3));
  }

  private static String stored(byte[] payload) {
    return "v1:" + Base64.getEncoder().encodeToString(payload);
  }

  @Test
  void roundTripsUnderTheSameAssociatedData() {
    String stored = cipher.encrypt(TOKEN, "alice");
    assertFalse(stored.contains(TOKEN));
    assertEquals(IV_BYTES + TOKEN.length() + TAG_BYTES, payload(stored).length);
    assertEquals(TOKEN, cipher.decrypt(stored, "alice"));
    assertEquals("", cipher.decrypt(cipher.encrypt("", "alice"), "alice"));
    assertEquals("ключ ✓", cipher.decrypt(cipher.encrypt("ключ ✓", "bob"), "bob"));
  }

  @Test
  void anotherAccountsCiphertextDoesNotDecrypt() {
    String stored = cipher.encrypt(TOKEN, "alice");
    TokenCipherException e =
        assertThrows(TokenCipherException.class, () -> cipher.decrypt(stored, "mallory"));
    assertSafe(e);
  }

  @Test
  void anotherKeysCiphertextDoesNotDecrypt() {
    String stored = new TokenCipher(TokenCipher.newKey()).encrypt(TOKEN, "alice");
    assertSafe(assertThrows(TokenCipherException.class, () -> cipher.decrypt(stored, "alice")));
  }

  @Test
  void anyChangedByteFailsToDecrypt() {
    byte[] payload = payload(cipher.encrypt(TOKEN, "alice"));
    for (int i = 0; i < payload.length; i++) {
      byte[] tampered = payload.clone();
      tampered[i] ^= 0x01;
      String text = stored(tampered);
      assertSafe(
          assertThrows(TokenCipherException.class, () -> cipher.decrypt(text, "alice"), "" + i));
    }
    byte[] truncated = Arrays.copyOf(payload, payload.length - 1);
    assertSafe(
        assertThrows(TokenCipherException.class, () -> cipher.decrypt(stored(truncated), "alice")));
  }

  @Test
  void malformedTextIsRefusedWithoutEchoingIt() {
    for (String bad : new String[] {"", TOKEN, "v2:AAAA", "v1:not base64!", "v1:AAAA"}) {
      TokenCipherException e =
          assertThrows(TokenCipherException.class, () -> cipher.decrypt(bad, "alice"), bad);
      assertSafe(e);
      if (!bad.isEmpty()) {
        assertFalse(e.getMessage().contains(bad), e.getMessage());
      }
    }
  }

  @Test
  void everyEncryptionDrawsAFreshIv() {
    Set<String> ivs = new HashSet<>();
    Set<String> texts = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String stored = cipher.encrypt(TOKEN, "alice");
      texts.add(stored);
      ivs.add(HexFormat.of().formatHex(payload(stored), 0, IV_BYTES));
    }
    assertEquals(1_000, ivs.size());
    assertEquals(1_000, texts.size());
  }

  @Test
  void theKeyIsCopiedAndMustBeThirtyTwoBytes() {
    String stored = cipher.encrypt(TOKEN, "alice");
    Arrays.fill(key, (byte) 0);
    assertEquals(
        TOKEN, cipher.decrypt(stored, "alice"), "wiping the caller's array changes nothing");

    for (int length : new int[] {0, 16, 24, 31, 33, 64}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new TokenCipher(new byte[length]));
      assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
    }
    assertThrows(NullPointerException.class, () -> new TokenCipher(null));
  }

  @Test
  void newKeysAreRandomThirtyTwoBytes() {
    byte[] one = TokenCipher.newKey();
    byte[] two = TokenCipher.newKey();
    assertEquals(32, one.length);
    assertFalse(Arrays.equals(one, two));
  }

  @Test
  void toStringDoesNotRevealTheKey() {
    byte[] known = new byte[32];
    Arrays.fill(known, (byte) 0x41);
    String text = new TokenCipher(known).toString();
    assertFalse(text.contains(Base64.getEncoder().encodeToString(known).substring(0, 8)), text);
    assertFalse(text.contains(HexFormat.of().formatHex(known, 0, 4)), text);
    assertFalse(text.contains("AAAA"), text);
  }

  private void assertSafe(TokenCipherException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      assertFalse(message.contains(TOKEN), message);
      assertFalse(message.contains(Base64.getEncoder().encodeToString(key)), message);
      assertFalse(message.contains(HexFormat.of().formatHex(key)), message);
    }
  }
}
