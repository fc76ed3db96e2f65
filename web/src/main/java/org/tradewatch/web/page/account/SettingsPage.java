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
import org.tradewatch.core.account.AccountRules;
import org.tradewatch.core.notification.NotificationFolder;
import org.tradewatch.core.notification.NotificationQuery;
import org.tradewatch.core.notification.NotificationService;
import org.tradewatch.core.notification.UpstreamFailure;
import org.tradewatch.web.account.Accounts;
import org.tradewatch.web.page.Flash;
import org.tradewatch.web.page.Pages;

/**
 * The user's settings: store, replace or remove the backpack.tf access token. A new token is
 * checked with backpack.tf before it is saved (its inbox is the notifications page's first load
 * anyway), so the user learns at once whether it works. The token is never shown back, only its
 * last four characters; the form field is never filled in.
 */
@WebServlet("/settings")
public class SettingsPage extends HttpServlet {

  @Inject Pages pages;

  @Inject Accounts accounts;

  @Inject NotificationService notifications;

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
          String token = AccountRules.backpackTfToken(request.getParameter("token"));
          UpstreamFailure unchecked = check(token);
          if (unchecked != null && unchecked.clientStatus() == 401) {
            render(
                request,
                response,
                HttpServletResponse.SC_BAD_REQUEST,
                "backpack.tf refused this token, so it was not saved. Copy it again from"
                    + " backpack.tf → Settings → API access.");
            return;
          }
          accounts.saveToken(user, token);
          if (unchecked == null) {
            Flash.set(
                request,
                "ok",
                "Token saved: backpack.tf accepts it. Your notifications are on the"
                    + " Notifications page.");
          } else {
            Flash.set(
                request,
                "warn",
                "Token saved, but backpack.tf could not be asked whether it accepts it ("
                    + unchecked.getMessage()
                    + "). The Notifications page will tell.");
          }
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

  /**
   * Asks backpack.tf whether it accepts the token, by loading its inbox through the proxy: within
   * its budgets, and the notifications page then answers from the copy.
   *
   * @return null when backpack.tf accepted it, else what the search failed with (401: refused)
   */
  private UpstreamFailure check(String token) {
    try {
      notifications.search(token, NotificationQuery.newestPage(NotificationFolder.INBOX));
      return null;
    } catch (UpstreamFailure failure) {
      return failure;
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
