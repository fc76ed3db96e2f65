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
import java.util.HashMap;
import java.util.Map;
import org.tradewatch.core.account.AccountRuleException;
import org.tradewatch.web.account.Accounts;
import org.tradewatch.web.page.Flash;
import org.tradewatch.web.page.Pages;

/**
 * Registration: a username and a password (typed twice); the new user is logged in at once and sent
 * on to the page they came to log in for, else to the settings (to save a token). A user who is
 * logged in is not offered the form: they have an account, and registering would quietly log them
 * in as someone else.
 */
@WebServlet("/register")
public class RegisterPage extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient Pages pages;

  @Inject transient Accounts accounts;

  @Inject transient SecurityContext security;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    render(request, response, HttpServletResponse.SC_OK, "", null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (request.getUserPrincipal() != null) {
      // The page shows why; the form is not on it.
      render(request, response, HttpServletResponse.SC_FORBIDDEN, "", null);
      return;
    }
    String username = LoginPage.trimmed(request.getParameter("username"));
    String password = request.getParameter("password");
    String repeated = request.getParameter("repeat");
    if (password == null || !password.equals(repeated)) {
      render(
          request,
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          username,
          "The two passwords differ; type the same one twice.");
      return;
    }
    char[] secret = password.toCharArray();
    try {
      accounts.register(username, secret.clone());
      Flash.set(
          request,
          "ok",
          "Welcome to Tradewatch. Save your backpack.tf access token to see your notifications.");
      String target = LoginPage.next(request).orElse("/settings");
      if (!Login.logIn(security, accounts, request, response, username, secret, target)) {
        Pages.redirect(request, response, LoginPage.loginFor(LoginPage.next(request)));
      }
    } catch (AccountRuleException e) {
      render(request, response, HttpServletResponse.SC_BAD_REQUEST, username, e.getMessage());
    } finally {
      Arrays.fill(secret, '\0');
    }
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
    model.put("next", LoginPage.next(request).orElse(null));
    if (error != null) {
      model.put("error", error);
    }
    pages.render(request, response, status, "register", model);
  }
}
