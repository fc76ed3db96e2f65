package org.tradewatch.simulator.bptf.stream;

/** How the one malformed event in a {@link MalformedKind#EVENT} frame is broken. */
public enum MalformedVariant {
  /** The payload is a string, not an object. */
  PAYLOAD_NOT_OBJECT("payload-not-object"),
  /** The id is not 24 hex digits; the rest looks like a listing. */
  BAD_ID("bad-id");

  private final String label;

  MalformedVariant(String label) {
    this.label = label;
  }

  /** The name used in the API. */
  public String label() {
    return label;
  }

  /** Parses {@code payload-not-object} or {@code bad-id}. */
  public static MalformedVariant parse(String text) {
    for (MalformedVariant variant : values()) {
      if (variant.label.equalsIgnoreCase(text == null ? "" : text.trim())) {
        return variant;
      }
    }
    throw new InvalidSettingException(
        "variant", "must be 'payload-not-object' or 'bad-id', got '" + text + "'");
  }
}
