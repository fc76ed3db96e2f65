package org.tradewatch.core.account;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a username, a password and a backpack.tf token must look like. Each rule either returns the
 * value as it is stored or throws {@link AccountRuleException} with a message for the user.
 */
public final class AccountRules {

  public static final int USERNAME_MIN = 3;
  public static final int USERNAME_MAX = 32;
  public static final int PASSWORD_MIN = 10;

  /**
   * Long enough for any passphrase or password manager; the cap keeps one login from feeding a
   * megabyte into the password hash.
   */
  public static final int PASSWORD_MAX = 128;

  /** Letters, digits and three punctuation marks: nothing that looks like another letter. */
  private static final Pattern USERNAME =
      Pattern.compile("[A-Za-z0-9_.-]{" + USERNAME_MIN + "," + USERNAME_MAX + "}");

  private static final Pattern TOKEN = Pattern.compile("[0-9A-Fa-f]{24}");

  private AccountRules() {}

  /**
   * A username as the user typed it, without surrounding spaces. Being ASCII, it case-folds the
   * same in every locale, so {@link Account#keyOf} cannot map two allowed names to one key
   * unexpectedly.
   */
  public static String username(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new AccountRuleException(AccountRuleException.USERNAME, "Enter a username.");
    }
    String username = raw.trim();
    if (!USERNAME.matcher(username).matches()) {
      throw new AccountRuleException(
          AccountRuleException.USERNAME,
          "A username is "
              + USERNAME_MIN
              + " to "
              + USERNAME_MAX
              + " characters: letters, digits, '_', '.' and '-'.");
    }
    return username;
  }

  /**
   * Checks a new password. It is used exactly as typed (no trimming: spaces may be part of a
   * passphrase); length counts characters as a user sees them, so an emoji is one.
   */
  public static void password(char[] password) {
    if (password == null || password.length == 0) {
      throw new AccountRuleException(AccountRuleException.PASSWORD, "Enter a password.");
    }
    checkPassword(Character.codePointCount(password, 0, password.length), allWhitespace(password));
  }

  /** As {@link #password(char[])}, for callers that only have a String. */
  public static void password(String password) {
    if (password == null || password.isEmpty()) {
      throw new AccountRuleException(AccountRuleException.PASSWORD, "Enter a password.");
    }
    checkPassword(password.codePointCount(0, password.length()), password.isBlank());
  }

  /**
   * Checks a password that is to replace {@code current}: the rules of {@link #password(char[])},
   * and not the current one again, which would leave a password the user meant to retire in force.
   */
  public static void newPassword(char[] current, char[] replacement) {
    password(replacement);
    if (current != null && Arrays.equals(current, replacement)) {
      throw new AccountRuleException(
          AccountRuleException.PASSWORD, "The new password is the same as the current one.");
    }
  }

  private static void checkPassword(int length, boolean allWhitespace) {
    if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
      throw new AccountRuleException(
          AccountRuleException.PASSWORD,
          "A password is " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters.");
    }
    if (allWhitespace) {
      throw new AccountRuleException(
          AccountRuleException.PASSWORD, "A password cannot be only spaces.");
    }
  }

  private static boolean allWhitespace(char[] password) {
    for (char c : password) {
      if (!Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A backpack.tf access token, trimmed and in lower case: 24 hex digits, such as {@code
   * 5904cbeb0e2cad7f621c0a85}. Checking the shape here catches a pasted API key or a truncated copy
   * before it is stored and fails at backpack.tf much later.
   */
  public static String backpackTfToken(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new AccountRuleException(
          AccountRuleException.TOKEN, "Enter your backpack.tf access token.");
    }
    String token = raw.trim();
    if (!TOKEN.matcher(token).matches()) {
      throw new AccountRuleException(
          AccountRuleException.TOKEN,
          "A backpack.tf access token is 24 hexadecimal digits (0-9 and a-f).");
    }
    return token.toLowerCase(Locale.ROOT);
  }
}
