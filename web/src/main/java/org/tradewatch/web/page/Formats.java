package org.tradewatch.web.page;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.tradewatch.web.format.Numbers;

/**
 * Small formatting helpers for the templates, as {@code ${fmt}}. {@code static/formats.js} is the
 * same for scripts (relative times, thousands separators); a change here belongs there too.
 */
public final class Formats {

  static final Formats INSTANCE = new Formats();

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Formats() {}

  /** "just now", "5 min ago", "3 h ago", "2 days ago"; future times read as "just now". */
  public String ago(Instant when) {
    if (when == null) {
      return "";
    }
    return ago(when, Instant.now());
  }

  /** {@link #ago(Instant)} for a Unix time in seconds, as upstream sends them. */
  public String agoSeconds(long epochSeconds) {
    return ago(Instant.ofEpochSecond(epochSeconds));
  }

  static String ago(Instant when, Instant now) {
    long seconds = Math.max(0, Duration.between(when, now).getSeconds());
    if (seconds < 45) {
      return "just now";
    }
    if (seconds < 90 * 60) {
      return Math.max(1, Math.round(seconds / 60.0)) + " min ago";
    }
    if (seconds < 36 * 3600) {
      return Math.round(seconds / 3600.0) + " h ago";
    }
    long days = Math.round(seconds / 86400.0);
    if (days < 60) {
      return days + " days ago";
    }
    long months = Math.round(days / 30.44);
    return months < 24 ? months + " months ago" : Math.round(days / 365.25) + " years ago";
  }

  /** The exact time in UTC, for a title beside a relative time. */
  public String utc(Instant when) {
    return when == null ? "" : UTC.format(when);
  }

  /** {@link #utc(Instant)} for a Unix time in seconds. */
  public String utcSeconds(long epochSeconds) {
    return utc(Instant.ofEpochSecond(epochSeconds));
  }

  /** A whole number with thousands separators, as traders write them: {@code 12,345}. */
  public String count(long number) {
    return Numbers.grouped(Long.toString(number));
  }

  /** The ISO-8601 form, for {@code <time datetime>} and for scripts. */
  public String iso(Instant when) {
    return when == null ? "" : DateTimeFormatter.ISO_INSTANT.format(when);
  }
}
