package org.tradewatch.web.format;

import java.util.regex.Pattern;

/** Numbers as the pages and the REST answers write them. */
public final class Numbers {

  private static final Pattern PLAIN = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  private Numbers() {}

  /**
   * A plain decimal number ({@code -12345.6}, never in exponent form) with thousands separators in
   * its whole part: {@code -12,345.6}. Anything else comes back as it was.
   */
  public static String grouped(String plain) {
    if (plain == null || !PLAIN.matcher(plain).matches()) {
      return plain;
    }
    int start = plain.startsWith("-") ? 1 : 0;
    int point = plain.indexOf('.');
    int end = point < 0 ? plain.length() : point;
    StringBuilder out = new StringBuilder(plain.length() + (end - start) / 3);
    out.append(plain, 0, start);
    for (int i = start; i < end; i++) {
      if (i > start && (end - i) % 3 == 0) {
        out.append(',');
      }
      out.append(plain.charAt(i));
    }
    return out.append(plain, end, plain.length()).toString();
  }
}
