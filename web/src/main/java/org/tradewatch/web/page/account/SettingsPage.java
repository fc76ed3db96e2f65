package org.tradewatch.web.page.account;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.account.AccountRuleException;
import org.tradewatch.core.account.AccountRules;
import org.tradewatch.core.account.StoredToken;
import org.tradewatch.core.notification.NotificationFolder;
import org.tradewatch.core.notification.NotificationQuery;
import org.tradewatch.core.notification.NotificationService;
import org.tradewatch.core.notification.SearchAnswer;
import org.tradewatch.core.notification.UpstreamFailure;
import org.tradewatch.web.account.Accounts;
import org.tradewatch.web.page.Flash;
import org.tradewatch.web.page.Pages;

/**
 * The user's settings: store, replace or remove the backpack.tf access token, and see when
 * backpack.tf last answered a call made with it; change the password; delete the account. A new
 * token is checked with backpack.tf before it is saved (its inbox is the notifications page's first
 * load anyway), so the user learns at once whether it works. The token is never shown back, only
 * its last four characters; no password or token field is ever filled in. Changing the password and
 * deleting the account both ask for the current password: a session left open is not enough.
 */
@WebServlet("/settings")
public class SettingsPage extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** Which form a message belongs to, so the page shows it beside that form. */
  private enum Form {
    TOKEN("error"),
    PASSWORD("passwordError"),
    DELETE("deleteError");

    final String variable;

    Form(String variable) {
      this.variable = variable;
    }
  }

  @Inject transient Pages pages;

  @Inject transient Accounts accounts;

  @Inject transient NotificationService notifications;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    render(request, response, HttpServletResponse.SC_OK, Form.TOKEN, null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String action = LoginPage.trimmed(request.getParameter("action"));
    switch (action) {
      case "save" -> saveToken(request, response);
      case "remove" -> {
        accounts.removeToken(user(request));
        Flash.set(request, "ok", "Token removed. Tradewatch no longer holds it.");
        Pages.redirect(request, response, "/settings");
      }
      case "password" -> changePassword(request, response);
      case "delete" -> deleteAccount(request, response);
      default ->
          render(
              request,
              response,
              HttpServletResponse.SC_BAD_REQUEST,
              Form.TOKEN,
              "Unknown action: use one of the buttons on this page.");
    }
  }

  private void saveToken(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      String token = AccountRules.backpackTfToken(request.getParameter("token"));
      Check check = check(token);
      if (check.failure() != null && check.failure().clientStatus() == 401) {
        render(
            request,
            response,
            HttpServletResponse.SC_BAD_REQUEST,
            Form.TOKEN,
            "backpack.tf refused this token, so it was not saved. Copy it again from"
                + " backpack.tf → Settings → API access.");
        return;
      }
      accounts.saveToken(user(request), token, check.answeredAt());
      if (check.failure() == null) {
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
                + check.failure().getMessage()
                + "). The Notifications page will tell.");
      }
      Pages.redirect(request, response, "/settings");
    } catch (AccountRuleException e) {
      render(request, response, HttpServletResponse.SC_BAD_REQUEST, Form.TOKEN, e.getMessage());
    }
  }

  /**
   * Changes the password, keeping this session: its id is renewed (whoever learnt the old one has
   * nothing) and it is bound to the new password, which logs out every other session of the
   * account.
   */
  private void changePassword(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String replacement = request.getParameter("password");
    if (replacement == null || !replacement.equals(request.getParameter("repeat"))) {
      render(
          request,
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          Form.PASSWORD,
          "The two new passwords differ; type the same one twice.");
      return;
    }
    char[] current = chars(request.getParameter("current"));
    char[] fresh = replacement.toCharArray();
    try {
      Account changed = accounts.changePassword(user(request), current, fresh);
      request.changeSessionId();
      AccountSession.bind(request, changed.sessionStamp());
      Flash.set(
          request,
          "ok",
          "Password changed. Anyone logged in to your account elsewhere has been logged out.");
      Pages.redirect(request, response, "/settings");
    } catch (AccountRuleException e) {
      render(request, response, HttpServletResponse.SC_BAD_REQUEST, Form.PASSWORD, e.getMessage());
    } finally {
      Arrays.fill(current, '\0');
      Arrays.fill(fresh, '\0');
    }
  }

  /** Deletes the account given its password, then logs out: the session has no account left. */
  private void deleteAccount(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    char[] password = chars(request.getParameter("current"));
    try {
      accounts.delete(user(request), password);
    } catch (AccountRuleException e) {
      render(request, response, HttpServletResponse.SC_BAD_REQUEST, Form.DELETE, e.getMessage());
      return;
    } finally {
      Arrays.fill(password, '\0');
    }
    AccountSession.end(request);
    Flash.set(
        request,
        "ok",
        "Your account is deleted, with your backpack.tf token and Tradewatch's copy of your"
            + " notifications.");
    Pages.redirect(request, response, "/");
  }

  /** What asking backpack.tf about a token gave: a failure, or when it answered. */
  private record Check(UpstreamFailure failure, Optional<Instant> answeredAt) {}

  /**
   * Asks backpack.tf whether it accepts the token, by loading its inbox through the proxy: within
   * its budgets, and the notifications page then answers from the copy. An answer from the copy
   * counts too: the copy is what backpack.tf last answered for this token, and when.
   */
  private Check check(String token) {
    try {
      SearchAnswer answer =
          notifications.search(token, NotificationQuery.newestPage(NotificationFolder.INBOX));
      return new Check(null, Optional.of(Instant.ofEpochMilli(answer.syncedAtMillis())));
    } catch (UpstreamFailure failure) {
      return new Check(failure, Optional.empty());
    }
  }

  private void render(
      HttpServletRequest request, HttpServletResponse response, int status, Form form, String error)
      throws IOException {
    Optional<StoredToken> token = accounts.storedToken(user(request));
    Map<String, Object> variables = new HashMap<>();
    variables.put("tokenHint", token.map(StoredToken::last4).orElse(null));
    variables.put("tokenUsedAt", token.flatMap(StoredToken::lastUsedAt).orElse(null));
    if (error != null) {
      variables.put(form.variable, error);
    }
    pages.render(request, response, status, "settings", variables);
  }

  private static String user(HttpServletRequest request) {
    return request.getUserPrincipal().getName();
  }

  private static char[] chars(String value) {
    return value == null ? new char[0] : value.toCharArray();
  }
}
