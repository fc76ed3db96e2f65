package org.tradewatch.web.page;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Where to send a user back to after logging in: a path on this site, as the {@code next} parameter
 * carries it. Anything that could leave the site is refused, so the parameter can never be used as
 * an open redirect: an absolute URL ({@code http:}, {@code javascript:}), a scheme-relative one
 * ({@code //evil}, which browsers also read in {@code /\evil}, and in either once tabs and newlines
 * are dropped), and the same spelled with percent-escapes.
 */
public final class ReturnPath {

  /** The parameter that carries the path. */
  public static final String PARAMETER = "next";

  /** Longer than any address of this site; a longer one is not worth keeping. */
  static final int MAX_LENGTH = 2000;

  /** The pages a login or a registration must not return to: they would only loop. */
  private static final Set<String> NOT_RETURNED_TO = Set.of("/login", "/register", "/logout");

  private ReturnPath() {}

  /**
   * {@code candidate} when it is a path on this site worth returning to (starting with one slash,
   * only the characters a URL allows, no scheme, no host), else empty.
   */
  public static Optional<String> of(String candidate) {
    if (candidate == null
        || candidate.length() < 1
        || candidate.length() > MAX_LENGTH
        || !legal(candidate)
        || leavesTheSite(candidate)) {
      return Optional.empty();
    }
    try {
      if (leavesTheSite(URLDecoder.decode(candidate, StandardCharsets.UTF_8))) {
        return Optional.empty();
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(candidate);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null) {
      return Optional.empty();
    }
    String path = uri.getPath().length() > 1 ? uri.getPath().replaceAll("/+$", "") : "/";
    return NOT_RETURNED_TO.contains(path) ? Optional.empty() : Optional.of(candidate);
  }

  /**
   * The address of the page {@code request} asks for (path and query under the context path), when
   * it is a GET worth returning to: what the navigation's "Log in" link carries. An error page
   * rendered for another address has nothing to return to.
   */
  public static Optional<String> of(HttpServletRequest request) {
    if (!"GET".equals(request.getMethod())
        || request.getDispatcherType() != DispatcherType.REQUEST) {
      return Optional.empty();
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String query = request.getQueryString();
    return of(query == null ? path : path + "?" + query);
  }

  /** Anything but a single leading slash can name another host: {@code //evil}, {@code /\evil}. */
  private static boolean leavesTheSite(String path) {
    return !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\");
  }

  /**
   * Only what RFC 3986 allows in a path and a query: no space, control character, double quote,
   * angle bracket, backslash or non-ASCII character.
   */
  private static boolean legal(String candidate) {
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~!$&'()*+,;=:@/?%".indexOf(c) >= 0;
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
