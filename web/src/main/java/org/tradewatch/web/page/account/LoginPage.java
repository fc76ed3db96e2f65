package org.tradewatch.web.page.account;

import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.tradewatch.web.account.Accounts;
import org.tradewatch.web.page.Pages;
import org.tradewatch.web.page.ReturnPath;

/**
 * The login form. Jakarta Security forwards a visitor of a protected page here ({@link
 * org.tradewatch.web.page.FormLogin}); this page sends them on to {@code /login?next=<that page>},
 * and a successful login returns there. The form's CSRF token is checked by the filter before this
 * servlet runs.
 */
@WebServlet("/login")
public class LoginPage extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private static final String WRONG = "That username and password do not match an account.";

  @Inject transient Pages pages;

  @Inject transient SecurityContext security;

  @Inject transient Accounts accounts;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Object asked = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
    if (asked != null) {
      // Forwarded by the login mechanism from a protected page: keep that page's address in the
      // URL rather than in the session, so that nothing of it lingers if the visitor goes away.
      Pages.redirect(request, response, loginFor(askedFor(request, asked.toString())));
      return;
    }
    super.service(request, response);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    render(request, response, HttpServletResponse.SC_OK, "", null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String username = trimmed(request.getParameter("username"));
    String password = request.getParameter("password");
    if (username.isEmpty() || password == null || password.isEmpty()) {
      render(
          request,
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          username,
          "Enter your username and your password.");
      return;
    }
    char[] secret = password.toCharArray();
    try {
      if (Login.logIn(
          security, accounts, request, response, username, secret, next(request).orElse("/"))) {
        return;
      }
    } finally {
      Arrays.fill(secret, '\0');
    }
    render(request, response, HttpServletResponse.SC_UNAUTHORIZED, username, WRONG);
  }

  private void render(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String username,
      String error)
      throws IOException {
    Map<String, Object> model = new HashMap<>();
    model.put("username", username);
    model.put("next", next(request).orElse(null));
    if (error != null) {
      model.put("error", error);
    }
    pages.render(request, response, status, "login", model);
  }

  /** The page to return to after logging in, from the {@code next} parameter, when it is safe. */
  static Optional<String> next(HttpServletRequest request) {
    return ReturnPath.of(request.getParameter(ReturnPath.PARAMETER));
  }

  /**
   * The address of the page that asked for a login, when it is one to come back to: a GET (after
   * the login the browser asks for it with a GET again, and a form's POST is not replayed).
   */
  private static Optional<String> askedFor(HttpServletRequest request, String requestUri) {
    if (!"GET".equals(request.getMethod())) {
      return Optional.empty();
    }
    Object contextPath = request.getAttribute(RequestDispatcher.FORWARD_CONTEXT_PATH);
    String path =
        contextPath != null && requestUri.startsWith(contextPath.toString())
            ? requestUri.substring(contextPath.toString().length())
            : requestUri;
    Object query = request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
    return ReturnPath.of(query == null ? path : path + "?" + query);
  }

  /** {@code /login}, with the page to return to when there is one. */
  static String loginFor(Optional<String> next) {
    return next.map(
            path ->
                "/login?"
                    + ReturnPath.PARAMETER
                    + "="
                    + URLEncoder.encode(path, StandardCharsets.UTF_8))
        .orElse("/login");
  }

  static String trimmed(String value) {
    return value == null ? "" : value.trim();
  }
}
