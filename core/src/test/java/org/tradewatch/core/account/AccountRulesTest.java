package org.tradewatch.core.account;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AccountRulesTest {

  private static final String TOKEN = "5904cbeb0e2cad7f621c0a85";

  @Test
  void usernamesAreTrimmedAndKeepTheirCase() {
    assertEquals("Alice_1.x-y", AccountRules.username("  Alice_1.x-y\t"));
    assertEquals("abc", AccountRules.username("abc"));
    assertEquals("a".repeat(32), AccountRules.username("a".repeat(32)));
  }

  @Test
  void usernamesOutsideTheRulesAreRefusedNamingTheField() {
    for (String bad :
        new String[] {
          null, "", "   ", "ab", " ab ", "a".repeat(33), "al ice", "alice!", "ålice", "alİce", "a/b"
        }) {
      AccountRuleException e =
          assertThrows(AccountRuleException.class, () -> AccountRules.username(bad), bad);
      assertEquals(AccountRuleException.USERNAME, e.field());
    }
  }

  @Test
  void passwordsAreTenToOneHundredTwentyEightCharactersAsTyped() {
    assertDoesNotThrow(() -> AccountRules.password("0123456789".toCharArray()));
    assertDoesNotThrow(() -> AccountRules.password("x".repeat(128).toCharArray()));
    assertDoesNotThrow(() -> AccountRules.password(" spaces in a passphrase "));
    // Nine letters and one emoji (two chars) are ten characters as a user counts them.
    assertDoesNotThrow(() -> AccountRules.password("abcdefghi\uD83D\uDE00".toCharArray()));
    // 128 emoji are 256 chars but 128 characters.
    assertDoesNotThrow(() -> AccountRules.password("\uD83D\uDE00".repeat(128)));
  }

  @Test
  void passwordsOutsideTheRulesAreRefusedWithoutRepeatingThem() {
    String[] bad = {
      "", "123456789", "x".repeat(129), " ".repeat(12), "\t\n          ", "abcdefgh\uD83D\uDE00"
    };
    for (String password : bad) {
      AccountRuleException fromChars =
          assertThrows(
              AccountRuleException.class, () -> AccountRules.password(password.toCharArray()));
      AccountRuleException fromString =
          assertThrows(AccountRuleException.class, () -> AccountRules.password(password));
      assertEquals(fromChars.getMessage(), fromString.getMessage());
      assertEquals(AccountRuleException.PASSWORD, fromChars.field());
      if (!password.isBlank()) {
        assertFalse(fromChars.getMessage().contains(password), fromChars.getMessage());
      }
    }
    assertThrows(AccountRuleException.class, () -> AccountRules.password((char[]) null));
    assertThrows(AccountRuleException.class, () -> AccountRules.password((String) null));
  }

  @Test
  void tokensAreTrimmedAndLowerCased() {
    assertEquals(TOKEN, AccountRules.backpackTfToken(TOKEN));
    assertEquals(TOKEN, AccountRules.backpackTfToken("  5904CBEB0E2CAD7F621C0A85\n"));
  }

  @Test
  void tokensOfAnotherShapeAreRefusedWithoutRepeatingThem() {
    String[] bad = {
      null,
      "",
      "  ",
      TOKEN.substring(1),
      TOKEN + "0",
      "5904cbeb0e2cad7f621c0a8g",
      "5904cbeb 0e2cad7f621c0a85",
      "0x5904cbeb0e2cad7f621c0a"
    };
    for (String token : bad) {
      AccountRuleException e =
          assertThrows(AccountRuleException.class, () -> AccountRules.backpackTfToken(token));
      assertEquals(AccountRuleException.TOKEN, e.field());
      if (token != null && !token.isBlank()) {
        assertFalse(e.getMessage().contains(token.trim()), e.getMessage());
      }
    }
  }

  @Test
  void aNewPasswordFollowsThePasswordRulesAndIsNotTheCurrentOne() {
    char[] current = "correct horse battery".toCharArray();
    assertDoesNotThrow(() -> AccountRules.newPassword(current, "a new passphrase".toCharArray()));
    AccountRuleException same =
        assertThrows(
            AccountRuleException.class,
            () -> AccountRules.newPassword(current, "correct horse battery".toCharArray()));
    assertEquals(AccountRuleException.PASSWORD, same.field());
    assertFalse(same.getMessage().contains("horse"), same.getMessage());
    AccountRuleException tooShort =
        assertThrows(
            AccountRuleException.class,
            () -> AccountRules.newPassword(current, "short".toCharArray()));
    assertEquals(AccountRuleException.PASSWORD, tooShort.field());
  }
}
