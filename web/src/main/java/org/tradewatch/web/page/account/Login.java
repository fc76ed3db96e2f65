package org.tradewatch.web.page.account;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.tradewatch.web.account.Accounts;
import org.tradewatch.web.page.Pages;

/** Logs a user in through Jakarta Security, from the login and the registration pages. */
final class Login {

  /** The prefix of the session attributes that are Tradewatch's own (CSRF token, flash). */
  private static final String OWN_ATTRIBUTES = "org.tradewatch.";

  private Login() {}

  /**
   * Authenticates {@code username} with {@code password} and, on success, answers with the redirect
   * to {@code target} (a path checked by {@link org.tradewatch.web.page.ReturnPath}). The session
   * id changes first, so an id planted before login is worthless after; a user already logged in is
   * logged out first, so that the password is checked and a failure leaves nobody logged in. The
   * session is bound to the account as it is now ({@link AccountSession}).
   *
   * @return whether the user is now logged in
   */
  static boolean logIn(
      SecurityContext security,
      Accounts accounts,
      HttpServletRequest request,
      HttpServletResponse response,
      String username,
      char[] password,
      String target)
      throws ServletException {
    if (request.getUserPrincipal() != null) {
      // The session's identity would otherwise answer for any credential (AutoApplySession).
      request.logout();
    }
    request.changeSessionId();
    AuthenticationStatus status =
        security.authenticate(
            request,
            response,
            AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(username, new Password(password))));
    if (status == AuthenticationStatus.SUCCESS) {
      accounts.sessionStamp(username).ifPresent(stamp -> AccountSession.bind(request, stamp));
      Pages.redirect(request, response, target);
      return true;
    }
    if (status == AuthenticationStatus.SEND_CONTINUE) {
      // The mechanism has answered the request itself.
      return true;
    }
    forgetTheAttempt(request);
    return false;
  }

  /**
   * Replaces the session by a new one that keeps only Tradewatch's own attributes. A failed
   * authentication leaves the mechanism's half-finished dialog in the session (Soteria's mark of a
   * caller-initiated login), and while it is there every protected page answers an empty 200
   * instead of sending the visitor to log in.
   */
  private static void forgetTheAttempt(HttpServletRequest request) {
    HttpSession old = request.getSession(false);
    if (old == null) {
      return;
    }
    Map<String, Object> kept = new HashMap<>();
    for (String name : Collections.list(old.getAttributeNames())) {
      if (name.startsWith(OWN_ATTRIBUTES)) {
        kept.put(name, old.getAttribute(name));
      }
    }
    old.invalidate();
    HttpSession fresh = request.getSession(true);
    kept.forEach(fresh::setAttribute);
  }
}
