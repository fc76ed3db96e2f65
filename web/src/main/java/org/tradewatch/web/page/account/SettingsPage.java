package org.tradewatch.web.page.account;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.tradewatch.core.account.AccountRuleException;
import org.tradewatch.web.account.Accounts;
import org.tradewatch.web.page.Flash;
import org.tradewatch.web.page.Pages;

/**
 * The user's settings: store, replace or remove the backpack.tf access token. The token is never
 * shown back, only its last four characters; the form field is never filled in.
 */
@WebServlet("/settings")
public class SettingsPage extends HttpServlet {

  @Inject Pages pages;

  @Inject Accounts accounts;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    render(request, response, HttpServletResponse.SC_OK, null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String user = request.getUserPrincipal().getName();
    String action = LoginPage.trimmed(request.getParameter("action"));
    switch (action) {
      case "save" -> {
        try {
          accounts.saveToken(user, request.getParameter("token"));
          Flash.set(
              request, "ok", "Token saved. Your notifications are on the Notifications page.");
          Pages.redirect(request, response, "/settings");
        } catch (AccountRuleException e) {
          render(request, response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        }
      }
      case "remove" -> {
        accounts.removeToken(user);
        Flash.set(request, "ok", "Token removed. Tradewatch no longer holds it.");
        Pages.redirect(request, response, "/settings");
      }
      default ->
          render(
              request,
              response,
              HttpServletResponse.SC_BAD_REQUEST,
              "Unknown action: use the Save or Remove button.");
    }
  }

  private void render(
      HttpServletRequest request, HttpServletResponse response, int status, String error)
      throws IOException {
    String user = request.getUserPrincipal().getName();
    Map<String, Object> variables = new HashMap<>();
    variables.put("tokenHint", accounts.tokenHint(user).orElse(null));
    if (error != null) {
      variables.put("error", error);
    }
    pages.render(request, response, status, "settings", variables);
  }
}
