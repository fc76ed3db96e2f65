package org.tradewatch.web.page;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.tradewatch.web.listing.LinkRules;

/**
 * The headers that keep a page from running anything but our own scripts: a Content-Security-Policy
 * with no inline script or style (scripts and styles come only from this origin, so an injected
 * {@code <script>} does nothing even if escaping ever failed), images only from this origin and the
 * configured image hosts ({@link LinkRules#imageHosts()}), no framing, no MIME sniffing.
 */
public class SecurityHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private transient volatile String policy;

  /**
   * The policy with {@code rules}' image hosts. 'self' covers ws: and wss: to this host too (CSP
   * level 3), which the live updates use.
   */
  static String policy(LinkRules rules) {
    String images = rules.imageSources();
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
        + (images.isEmpty() ? "" : " " + images)
        + "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
        + " form-action 'self'; frame-ancestors 'none'";
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String current = policy;
    if (current == null) {
      current = policy(LinkRules.current());
      policy = current;
    }
    response.setHeader("Content-Security-Policy", current);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "same-origin");
    chain.doFilter(request, response);
  }
}
