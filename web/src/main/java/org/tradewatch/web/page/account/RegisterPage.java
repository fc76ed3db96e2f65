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
import org.tradewatch.core.account.AccountRuleException;
import org.tradewatch.web.account.Accounts;
import org.tradewatch.web.page.Flash;
import org.tradewatch.web.page.Pages;

/** Registration: a username and a password (typed twice); the new user is logged in at once. */
@WebServlet("/register")
public class RegisterPage extends HttpServlet {

  @Inject Pages pages;

  @Inject Accounts accounts;

  @Inject SecurityContext security;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    pages.render(request, response, "register", Map.of("username", ""));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String username = LoginPage.trimmed(request.getParameter("username"));
    String password = request.getParameter("password");
    String repeated = request.getParameter("repeat");
    if (password == null || !password.equals(repeated)) {
      refuse(request, response, username, "The two passwords differ; type the same one twice.");
      return;
    }
    char[] secret = password.toCharArray();
    try {
      accounts.register(username, secret.clone());
      Flash.set(
          request,
          "ok",
          "Welcome to Tradewatch. Save your backpack.tf access token to see your notifications.");
      if (!Login.logIn(security, request, response, username, secret, "/settings")) {
        Pages.redirect(request, response, "/login");
      }
    } catch (AccountRuleException e) {
      refuse(request, response, username, e.getMessage());
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private void refuse(
      HttpServletRequest request, HttpServletResponse response, String username, String message)
      throws IOException {
    pages.render(
        request,
        response,
        HttpServletResponse.SC_BAD_REQUEST,
        "register",
        Map.of("username", username, "error", message));
  }
}
