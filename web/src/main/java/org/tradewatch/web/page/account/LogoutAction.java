package org.tradewatch.web.page.account;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.tradewatch.web.page.Pages;

/**
 * Logs out: a POST (with the CSRF token, like every form), so that another site cannot log a user
 * out with a link; the session ends with it.
 */
@WebServlet("/logout")
public class LogoutAction extends HttpServlet {

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException {
    request.logout();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    Pages.redirect(request, response, "/");
  }
}
