package org.tradewatch.web.page;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Form login with Jakarta Security: our own login page (which checks the CSRF token and then calls
 * {@code SecurityContext.authenticate}), the identity kept in the session, and a visitor to a
 * protected page sent to the login page and back. Accounts come from the database identity store in
 * {@code org.tradewatch.web.account}; every account has the one role {@value #ROLE}.
 *
 * <p>The visitor is forwarded to the login page rather than redirected: the forward still knows
 * which page was asked for, and the login page redirects to itself with that page in {@code next}.
 */
@ApplicationScoped
@DeclareRoles(FormLogin.ROLE)
@CustomFormAuthenticationMechanismDefinition(
    loginToContinue =
        @LoginToContinue(loginPage = "/login", errorPage = "", useForwardToLogin = true))
public class FormLogin {

  /** The role of every account, required by the protected pages (web.xml). */
  public static final String ROLE = "user";
}
