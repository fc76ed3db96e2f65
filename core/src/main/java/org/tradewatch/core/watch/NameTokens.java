package org.tradewatch.core.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of an item name as watches match them: runs of letters and digits, in lower case
 * ({@link Locale#ROOT}), each once, in order of first appearance. {@code StatTrak™ AK-47 | Redline
 * (Field-Tested)} has the words {@code stattrak ak 47 redline field tested}.
 */
public final class NameTokens {

  private static final String[] NONE = new String[0];

  private NameTokens() {}

  /** The words of {@code name}; none for null or a name without letters or digits. */
  public static String[] of(String name) {
    if (name == null || name.isEmpty()) {
      return NONE;
    }
    List<String> words = new ArrayList<>(6);
    int length = name.length();
    int start = -1;
    for (int i = 0; i <= length; ) {
      int c = i < length ? name.codePointAt(i) : ' ';
      boolean word = i < length && Character.isLetterOrDigit(c);
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        String token = name.substring(start, i).toLowerCase(Locale.ROOT);
        if (!words.contains(token)) {
          words.add(token);
        }
        start = -1;
      }
      i += i < length ? Character.charCount(c) : 1;
    }
    return words.toArray(NONE);
  }

  /** Whether every one of {@code wanted} is among {@code words}. */
  static boolean containsAll(String[] words, String[] wanted) {
    for (String token : wanted) {
      boolean found = false;
      for (String word : words) {
        if (word.equals(token)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }
}
