package org.tradewatch.web.page.account;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Logs a user in through Jakarta Security, from the login and the registration pages. */
final class Login {

  private Login() {}

  /**
   * Authenticates {@code username} with {@code password} and, on success, answers with the
   * redirect: to the page the user was sent to log in from, when there is one, else to {@code
   * defaultTarget}. The session id changes first, so an id planted before login is worthless after.
   *
   * @return whether the user is now logged in
   */
  static boolean logIn(
      SecurityContext security,
      HttpServletRequest request,
      HttpServletResponse response,
      String username,
      char[] password,
      String defaultTarget) {
    request.changeSessionId();
    AuthenticationStatus status =
        security.authenticate(
            request,
            response,
            AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(username, new Password(password))));
    if (status == AuthenticationStatus.SEND_CONTINUE) {
      // LoginToContinue has answered with the redirect to the page that asked for a login.
      return true;
    }
    if (status == AuthenticationStatus.SUCCESS) {
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader("Location", request.getContextPath() + defaultTarget);
      return true;
    }
    return false;
  }
}
