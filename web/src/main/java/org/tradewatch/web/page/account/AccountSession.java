package org.tradewatch.web.page.account;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;
import java.util.logging.Logger;
import org.tradewatch.web.account.Accounts;
import org.tradewatch.web.page.Flash;
import org.tradewatch.web.page.Pages;
import org.tradewatch.web.page.ReturnPath;

/**
 * Keeps a logged-in session speaking for the account it logged in to, and only while that account's
 * password is the one it logged in with. Jakarta Security keeps only the caller's name in the
 * session, so on its own a session would outlive a password change (someone who stole it stays in)
 * and a deleted account (and would speak for whoever registers the name next). Each session is
 * bound at login to the account's {@link org.tradewatch.core.account.Account#sessionStamp}; a
 * request of a session whose stamp no longer matches is logged out and sent to log in again (JSON
 * 401 under {@code /api}). That costs one look-up by key per request of a logged-in user, static
 * files aside, and holds across instances sharing the database.
 */
@WebFilter(filterName = "account-session", urlPatterns = "/*")
public class AccountSession extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** The session attribute holding the stamp the session was bound to. */
  static final String STAMP = "org.tradewatch.account.session-stamp";

  private static final Logger LOG = Logger.getLogger(AccountSession.class.getName());

  @Inject transient Accounts accounts;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Principal user = request.getUserPrincipal();
    HttpSession session = request.getSession(false);
    if (user == null || session == null || request.getServletPath().startsWith("/static/")) {
      chain.doFilter(request, response);
      return;
    }
    Optional<String> current;
    try {
      current = accounts.sessionStamp(user.getName());
    } catch (RuntimeException e) {
      // The database is unreachable: every page that acts for the account fails on its own, and a
      // public page (answered from memory) need not fail with it.
      LOG.warning(() -> "Could not check the session's account: " + e.getClass().getName());
      chain.doFilter(request, response);
      return;
    }
    Object bound = session.getAttribute(STAMP);
    if (current.isPresent() && bound == null) {
      // A session logged in before sessions were bound: bound from now on.
      session.setAttribute(STAMP, current.get());
    }
    if (current.isPresent() && (bound == null || bound.equals(current.get()))) {
      chain.doFilter(request, response);
      return;
    }
    end(request);
    if (request.getServletPath().equals("/api") || request.getServletPath().startsWith("/api/")) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setContentType("application/json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response
          .getWriter()
          .write(
              "{\"message\":\"this session was logged out: the account's password changed or the"
                  + " account was deleted\"}");
      return;
    }
    Flash.set(
        request,
        "warn",
        "You were logged out: your password was changed, or your account deleted, elsewhere.");
    Pages.redirect(request, response, LoginPage.loginFor(ReturnPath.of(request)));
  }

  /** Binds the session of {@code request} to {@code stamp}, after a login or a password change. */
  static void bind(HttpServletRequest request, String stamp) {
    request.getSession(true).setAttribute(STAMP, stamp);
  }

  /** Logs the request's user out and ends the session. */
  static void end(HttpServletRequest request) throws ServletException {
    request.logout();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }
}
