package org.tradewatch.web.page;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * A message for the next page a user sees, across the redirect that follows a form (post, redirect,
 * get): "Token saved", "3 notifications deleted".
 *
 * @param kind ok, warn or error (a CSS class)
 * @param text the message, written escaped
 */
public record Flash(String kind, String text) {

  private static final String ATTRIBUTE = Flash.class.getName();

  /** Keeps {@code text} for the session's next page. */
  public static void set(HttpServletRequest request, String kind, String text) {
    request.getSession(true).setAttribute(ATTRIBUTE, new Flash(kind, text));
  }

  /** The message kept for this page, removed so that it shows once; null for none. */
  static Flash take(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Object flash = session.getAttribute(ATTRIBUTE);
    if (flash != null) {
      session.removeAttribute(ATTRIBUTE);
    }
    return flash instanceof Flash message ? message : null;
  }
}
