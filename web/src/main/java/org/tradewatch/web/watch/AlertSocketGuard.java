package org.tradewatch.web.watch;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Guards the handshake of {@code /api/alerts/live}, before the WebSocket runtime takes it: nobody
 * logged in is 401, and a page of another site (an {@code Origin} whose host and port are not this
 * request's {@code Host}) is 403. A browser sends the session cookie with a WebSocket handshake
 * from any page, and no CSRF token, so the origin is what tells another site's page from ours;
 * clients that are not browsers send no {@code Origin}.
 */
@WebFilter(filterName = "alert-socket-guard", urlPatterns = "/api/alerts/live")
public class AlertSocketGuard extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getUserPrincipal() == null) {
      refuse(response, 401, "log in first: alerts belong to an account");
      return;
    }
    String origin = request.getHeader("Origin");
    if (origin != null && !sameHost(origin, request.getHeader("Host"))) {
      refuse(response, 403, "an alerts socket opens from this site's pages only");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Whether the origin's host and port are {@code host} (the request's Host header). */
  static boolean sameHost(String origin, String host) {
    if (host == null) {
      return false;
    }
    try {
      URI uri = new URI(origin);
      if (uri.getHost() == null || uri.getScheme() == null) {
        return false;
      }
      int port = uri.getPort();
      if (port < 0) {
        port = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
      }
      URI given = new URI("http://" + host);
      int hostPort = given.getPort() < 0 ? port : given.getPort();
      return given.getHost() != null
          && given.getHost().toLowerCase(Locale.ROOT).equals(uri.getHost().toLowerCase(Locale.ROOT))
          && hostPort == port;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void refuse(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            jakarta.json.spi.JsonProvider.provider()
                .createObjectBuilder()
                .add("message", message)
                .build()
                .toString());
  }
}
