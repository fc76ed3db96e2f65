package org.tradewatch.core.notification;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict validation where upstream is silent: upstream ignores a value it cannot use, which hides
 * client bugs; Tradewatch refuses it, naming the parameter and the values allowed.
 */
public final class NotificationParameters {

  /** A notification id: a MongoDB ObjectId, 24 hex digits. */
  public static final Pattern ID = Pattern.compile("[0-9a-fA-F]{24}");

  /** The most ids one request to Tradewatch may carry (upstream calls take at most 200). */
  public static final int MAX_IDS = 5_000;

  /** Skips beyond this are refused: no folder holds that many. */
  public static final int MAX_SKIP = 1_000_000;

  /** A backpack.tf access token: 24 hex digits, as upstream issues them. */
  private static final Pattern TOKEN = Pattern.compile("[0-9a-fA-F]{24}");

  private NotificationParameters() {}

  /** The search parameters, each null or blank when not given. */
  public static NotificationQuery query(String folder, String filter, String since, String skip) {
    return new NotificationQuery(
        blank(folder) ? null : folder(folder),
        blank(filter) ? null : filter(filter),
        blank(since) ? null : since(since),
        blank(skip) ? 0 : (int) wholeNumber("skip", skip, MAX_SKIP, "0 to " + MAX_SKIP));
  }

  /**
   * A token as given, without surrounding spaces. One that cannot be a backpack.tf token is refused
   * here rather than sent upstream; the message never repeats it, since it may be a real token
   * pasted wrongly.
   *
   * @param text the token, not blank
   */
  public static String token(String text) {
    String token = text.trim();
    if (!TOKEN.matcher(token).matches()) {
      throw new InvalidParameterException(
          "token",
          "must be a backpack.tf access token, 24 hexadecimal digits (0-9, a-f); got "
              + token.length()
              + " characters"
              + (token.length() == 24 ? ", not all of them hexadecimal digits" : ""));
    }
    return token;
  }

  /** A folder the endpoint requires. */
  public static NotificationFolder requiredFolder(String text) {
    if (blank(text)) {
      throw new InvalidParameterException("folder", "is required: 0 (inbox) or 1 (archive)");
    }
    return folder(text);
  }

  static NotificationFolder folder(String text) {
    return NotificationFolder.of((int) wholeNumber("folder", text, 1, "0 (inbox) or 1 (archive)"));
  }

  static NotificationFilter filter(String text) {
    String allowed =
        "0 (All), 1 (Responses), 2 (Trust), 3 (Suggestions), 4 (Subscriptions), 6 (Issues)";
    NotificationFilter filter =
        NotificationFilter.ofCode((int) wholeNumber("filter", text, 6, allowed));
    if (filter == null) {
      throw new InvalidParameterException(
          "filter", "must be one of " + allowed + ", got '" + text.trim() + "'");
    }
    return filter;
  }

  static long since(String text) {
    return wholeNumber("since", text, Long.MAX_VALUE, "a non-negative Unix timestamp in seconds");
  }

  /**
   * Comma-delimited ids, each given once or more (repeats are dropped, first order kept): at least
   * one, at most {@link #MAX_IDS}, every one well-formed.
   */
  public static List<String> ids(List<String> values) {
    Set<String> ids = new LinkedHashSet<>();
    if (values != null) {
      for (String value : values) {
        for (String part : value.split(",", -1)) {
          String id = part.trim();
          if (id.isEmpty()) {
            if (!value.isBlank()) {
              throw new InvalidParameterException(
                  "ids", "must be comma-delimited notification ids with none empty");
            }
            continue;
          }
          if (!ID.matcher(id).matches()) {
            throw new InvalidParameterException(
                "ids",
                "each id must be 24 hex digits (the id of a search result), got '"
                    + shorten(id)
                    + "'");
          }
          ids.add(id.toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    if (ids.isEmpty()) {
      throw new InvalidParameterException(
          "ids", "is required: 1 to " + MAX_IDS + " comma-delimited notification ids");
    }
    if (ids.size() > MAX_IDS) {
      throw new InvalidParameterException(
          "ids", "at most " + MAX_IDS + " ids per request, got " + ids.size());
    }
    return new ArrayList<>(ids);
  }

  /** Splits {@code ids} into runs of at most {@code size}, in order. */
  public static <T> List<List<T>> chunks(List<T> ids, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1");
    }
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += size) {
      chunks.add(List.copyOf(ids.subList(from, Math.min(ids.size(), from + size))));
    }
    return chunks;
  }

  private static long wholeNumber(String name, String text, long max, String allowed) {
    String trimmed = text.trim();
    long value;
    try {
      if (!trimmed.matches("[0-9]{1,19}")) {
        throw new NumberFormatException();
      }
      value = Long.parseLong(trimmed);
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(
          name, "must be " + allowed + ", got '" + shorten(trimmed) + "'");
    }
    if (value > max) {
      throw new InvalidParameterException(name, "must be " + allowed + ", got " + value);
    }
    return value;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  /** Echoes at most a little of what the client sent, so a message never grows with input. */
  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
