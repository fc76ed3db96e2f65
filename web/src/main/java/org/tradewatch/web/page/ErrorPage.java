package org.tradewatch.web.page;

import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the container shows for an error it meets outside our own handling (web.xml's error pages
 * lead here): an address no servlet or file answers, a method a page does not take, an exception
 * out of a servlet. A page answers in the site's layout; an address under {@code /api} answers JSON
 * {@code {"message": ...}}, as every other API error does. The status stays the error's own.
 */
@WebServlet(ErrorPage.PATH)
public class ErrorPage extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** Where web.xml sends errors; visited directly, it is a page that does not exist. */
  static final String PATH = "/error";

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  @Inject transient Pages pages;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    boolean dispatched = request.getDispatcherType() == DispatcherType.ERROR;
    int status = dispatched ? status(request) : HttpServletResponse.SC_NOT_FOUND;
    String address =
        dispatched && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) != null
            ? request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI).toString()
            : request.getRequestURI();
    String path = address.substring(Math.min(address.length(), request.getContextPath().length()));
    response.resetBuffer();
    if (isApi(path)) {
      response.setStatus(status);
      response.setContentType("application/json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.setHeader("Cache-Control", "no-store");
      response
          .getWriter()
          .write(JSON.createObjectBuilder().add("message", apiMessage(status)).build().toString());
      return;
    }
    pages.error(request, response, status, pageMessage(status, request.getMethod()));
  }

  /** The error's status: 500 for an exception, and never a success or a redirect. */
  private static int status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer number ? number : HttpServletResponse.SC_NOT_FOUND;
    if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) != null && status < 500) {
      return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
    return status < 400 || status > 599 ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : status;
  }

  static boolean isApi(String path) {
    return path.equals("/api") || path.startsWith("/api/");
  }

  static String pageMessage(int status, String method) {
    return switch (status) {
      case HttpServletResponse.SC_BAD_REQUEST ->
          "The request could not be understood. Check the address, or go back and try again.";
      case HttpServletResponse.SC_UNAUTHORIZED, HttpServletResponse.SC_FORBIDDEN ->
          "This page is not open to you. Log in with the account it belongs to.";
      case HttpServletResponse.SC_NOT_FOUND ->
          "There is no page at this address. It may have moved, or the address is mistyped.";
      case HttpServletResponse.SC_METHOD_NOT_ALLOWED ->
          "GET".equals(method) || "HEAD".equals(method)
              ? "This address is where a form sends its answer (such as the Log out button), not a"
                  + " page to visit."
              : "This address does not take a " + method + " request.";
      default ->
          status >= 500
              ? "Something went wrong on our side, and the server log has the details. Try again"
                  + " in a moment."
              : "This request cannot be answered (status " + status + ").";
    };
  }

  static String apiMessage(int status) {
    return switch (status) {
      case HttpServletResponse.SC_BAD_REQUEST -> "bad request";
      case HttpServletResponse.SC_UNAUTHORIZED -> "not authenticated";
      case HttpServletResponse.SC_FORBIDDEN -> "forbidden";
      case HttpServletResponse.SC_NOT_FOUND -> "no API endpoint at this address";
      case HttpServletResponse.SC_METHOD_NOT_ALLOWED -> "method not allowed at this address";
      default ->
          status >= 500
              ? "internal error; the server log has the details"
              : "request refused (status " + status + ")";
    };
  }
}
