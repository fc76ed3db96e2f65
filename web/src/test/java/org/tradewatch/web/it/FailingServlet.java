package org.tradewatch.web.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Added to the WAR by PagesIT only: a page and an API address that fail with an exception, to show
 * what a visitor and an integrator get of an unexpected error (the server log gets the trace).
 */
@WebServlet({FailingServlet.PAGE, FailingServlet.API})
public class FailingServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  static final String PAGE = "/it-failing";
  static final String API = "/api/it-failing";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) {
    throw new IllegalStateException("PagesIT provokes this failure on purpose");
  }
}
