package org.tradewatch.simulator.bptf.stream;

import java.util.Locale;

/** The kinds of broken frame the control API can inject. */
public enum MalformedKind {
  /** Text that is not JSON at all: a batch cut off in the middle. */
  JSON,
  /** A valid JSON array of events in which exactly one event is malformed. */
  EVENT;

  /** Parses {@code json} or {@code event}. */
  public static MalformedKind parse(String text) {
    if (text != null) {
      for (MalformedKind kind : values()) {
        if (kind.name().equalsIgnoreCase(text.trim())) {
          return kind;
        }
      }
    }
    throw new InvalidSettingException("kind", "must be 'json' or 'event', got '" + text + "'");
  }

  /** The name used in the API. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
