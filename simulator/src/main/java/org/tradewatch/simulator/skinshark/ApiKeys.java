package org.tradewatch.simulator.skinshark;

/** Reads the API key from an {@code Authorization: Bearer <key>} header. */
final class ApiKeys {
  private static final String BEARER = "Bearer ";

  private ApiKeys() {}

  /** The key, or null when the header is missing or of another scheme. */
  static String bearer(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String key = authorization.substring(BEARER.length()).trim();
    return key.isEmpty() ? null : key;
  }
}
