package org.tradewatch.core.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The rules for a webhook's address: HTTPS anywhere, or plain HTTP to this machine's loopback only
 * (a receiver under test or a local relay), since alerts and their signatures would otherwise cross
 * the network readable by anyone on the way. No user info, since a password in the address would
 * show on the page and in logs; no fragment, which a server never sees.
 */
public final class WebhookUrl {

  /** The longest address kept. */
  public static final int MAX_LENGTH = 2048;

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "::1", "localhost");

  private WebhookUrl() {}

  /**
   * The address as it will be called.
   *
   * @throws InvalidWebhookException naming {@code url} when it breaks a rule
   */
  public static URI parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid("expected an https:// address (or http:// on 127.0.0.1, ::1 or localhost)");
    }
    String trimmed = text.strip();
    if (trimmed.length() > MAX_LENGTH) {
      throw invalid("at most " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw invalid("not a valid address: " + e.getReason());
    }
    if (!uri.isAbsolute() || uri.isOpaque()) {
      throw invalid("expected an absolute https:// address");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw invalid("the address names no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalid("no user name or password in the address: use the signature to authenticate");
    }
    if (uri.getRawFragment() != null) {
      throw invalid("no #fragment: a server never receives it");
    }
    if (scheme.equals("http")) {
      if (!LOOPBACK.contains(host.toLowerCase(Locale.ROOT))) {
        throw invalid("http:// is only for 127.0.0.1, ::1 or localhost; use https:// for " + host);
      }
    } else if (!scheme.equals("https")) {
      throw invalid("expected https:// (or http:// on loopback), not " + scheme + "://");
    }
    return uri;
  }

  private static InvalidWebhookException invalid(String why) {
    return new InvalidWebhookException("url: " + why);
  }
}
