package org.tradewatch.web.page;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Refuses a state-changing request that does not prove it comes from our own pages: every form POST
 * must carry the session's token in {@value Csrf#FIELD}; a REST call that acts as the logged-in
 * user must carry it in {@value Csrf#HEADER}. Calls of the notifications proxy that name their own
 * backpack.tf token act for whoever holds that token, as upstream, and need no session; nothing
 * else under {@code /api} takes a token, so there a {@code token} parameter excuses nothing.
 */
public class CsrfFilter extends HttpFilter {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Inject Pages pages;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (SAFE.contains(request.getMethod()) || allowed(request)) {
      chain.doFilter(request, response);
      return;
    }
    String message =
        "This request did not carry this session's form token (it may have expired): reload the"
            + " page and try again.";
    if (isApi(request)) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response
          .getWriter()
          .write(
              "{\"message\":\"a request acting as the logged-in user needs the "
                  + Csrf.HEADER
                  + " header from the page, or a token parameter\"}");
    } else {
      pages.error(request, response, HttpServletResponse.SC_FORBIDDEN, message);
    }
  }

  private static boolean allowed(HttpServletRequest request) {
    if (isApi(request)) {
      // Only the notifications proxy takes a token of its own; everywhere else a logged-in
      // session is the only credential, so a token parameter must not excuse the header.
      boolean actsAsSessionUser =
          request.getUserPrincipal() != null
              && (!isNotifications(request) || isBlank(queryParameter(request, "token")));
      return !actsAsSessionUser || Csrf.matches(request, request.getHeader(Csrf.HEADER));
    }
    String presented = request.getHeader(Csrf.HEADER);
    if (presented == null) {
      presented = request.getParameter(Csrf.FIELD);
    }
    return Csrf.matches(request, presented);
  }

  private static boolean isNotifications(HttpServletRequest request) {
    String info = request.getPathInfo();
    return (request.getServletPath() + (info == null ? "" : info))
        .startsWith("/api/notifications/");
  }

  private static boolean isApi(HttpServletRequest request) {
    String path = request.getServletPath();
    return path.equals("/api") || path.startsWith("/api/");
  }

  /** Reads the query string only: the REST body must stay unread for JAX-RS. */
  private static String queryParameter(HttpServletRequest request, String name) {
    String query = request.getQueryString();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (key.equals(name)) {
        return equals < 0
            ? ""
            : java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
