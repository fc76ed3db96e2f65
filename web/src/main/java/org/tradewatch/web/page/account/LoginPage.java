package org.tradewatch.web.page.account;

import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.tradewatch.web.page.Pages;

/**
 * The login form. Jakarta Security sends a visitor of a protected page here and, once logged in,
 * back to that page. The form's CSRF token is checked by the filter before this servlet runs.
 */
@WebServlet("/login")
public class LoginPage extends HttpServlet {

  private static final String WRONG = "That username and password do not match an account.";

  @Inject Pages pages;

  @Inject SecurityContext security;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    pages.render(request, response, "login", Map.of("username", ""));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String username = trimmed(request.getParameter("username"));
    String password = request.getParameter("password");
    if (username.isEmpty() || password == null || password.isEmpty()) {
      pages.render(
          request,
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          "login",
          Map.of("username", username, "error", "Enter your username and your password."));
      return;
    }
    char[] secret = password.toCharArray();
    try {
      if (Login.logIn(security, request, response, username, secret, "/")) {
        return;
      }
    } finally {
      Arrays.fill(secret, '\0');
    }
    pages.render(
        request,
        response,
        HttpServletResponse.SC_UNAUTHORIZED,
        "login",
        Map.of("username", username, "error", WRONG));
  }

  static String trimmed(String value) {
    return value == null ? "" : value.trim();
  }
}
