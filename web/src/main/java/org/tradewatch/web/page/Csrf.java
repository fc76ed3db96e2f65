package org.tradewatch.web.page;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One random token per session, carried by every state-changing form as {@value #FIELD} (and by
 * scripts as the {@value #HEADER} header): a page of another site cannot read it, so it cannot
 * forge the request.
 */
public final class Csrf {

  /** The form field that carries the token. */
  public static final String FIELD = "_csrf";

  /** The header that carries the token for requests made by scripts. */
  public static final String HEADER = "X-CSRF-Token";

  private static final String ATTRIBUTE = Csrf.class.getName();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Csrf() {}

  /** The session's token, creating the session and the token when needed. */
  public static String token(HttpServletRequest request) {
    HttpSession session = request.getSession(true);
    synchronized (session) {
      Object existing = session.getAttribute(ATTRIBUTE);
      if (existing instanceof String token) {
        return token;
      }
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      session.setAttribute(ATTRIBUTE, token);
      return token;
    }
  }

  /** Whether {@code presented} is this session's token; false when there is no session yet. */
  public static boolean matches(HttpServletRequest request, String presented) {
    HttpSession session = request.getSession(false);
    if (session == null || presented == null) {
      return false;
    }
    Object expected = session.getAttribute(ATTRIBUTE);
    return expected instanceof String token
        && MessageDigest.isEqual(
            token.getBytes(StandardCharsets.US_ASCII),
            presented.getBytes(StandardCharsets.US_ASCII));
  }
}
