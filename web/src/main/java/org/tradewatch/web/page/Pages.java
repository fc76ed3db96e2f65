package org.tradewatch.web.page;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.WebApplicationTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Renders the Thymeleaf templates under {@code /WEB-INF/templates/}. Every page gets the layout's
 * variables: {@code user} (the logged-in name, or null), {@code csrf} (the session's token for
 * forms), {@code path} and {@code nav} (for the navigation), {@code here} (the page's own address
 * for the "Log in" link to return to, or null), {@code flash} (a {@link Flash} message, or null)
 * and {@code fmt} ({@link Formats}).
 */
@ApplicationScoped
public class Pages {

  private volatile JakartaServletWebApplication application;
  private volatile TemplateEngine engine;

  /**
   * Renders {@code template} with {@code variables} as the whole response, not cached by browsers
   * or proxies (pages carry a CSRF token and, for a logged-in user, their own data).
   */
  public void render(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String template,
      Map<String, ?> variables)
      throws IOException {
    TemplateEngine templates = engine(request.getServletContext());
    WebContext context =
        new WebContext(application.buildExchange(request, response), request.getLocale());
    Principal user = request.getUserPrincipal();
    context.setVariable("user", user == null ? null : user.getName());
    context.setVariable("csrf", Csrf.token(request));
    context.setVariable("path", request.getServletPath());
    context.setVariable("nav", section(request.getServletPath()));
    context.setVariable(
        "here", ReturnPath.of(request).filter(address -> !address.equals("/")).orElse(null));
    context.setVariable("fmt", Formats.INSTANCE);
    context.setVariable("flash", Flash.take(request));
    variables.forEach(context::setVariable);
    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    templates.process(template, context, response.getWriter());
  }

  /** Renders {@code template} with status 200. */
  public void render(
      HttpServletRequest request,
      HttpServletResponse response,
      String template,
      Map<String, ?> variables)
      throws IOException {
    render(request, response, HttpServletResponse.SC_OK, template, variables);
  }

  /**
   * The navigation entry a page belongs to: the first segment of its path, or {@code listings} for
   * the root. A word, because the templates' expression language reads a one-character literal such
   * as {@code '/'} as a char and then fails to compare it with a string.
   */
  static String section(String servletPath) {
    String path = servletPath == null ? "" : servletPath.replaceFirst("^/+", "");
    int slash = path.indexOf('/');
    String first = slash < 0 ? path : path.substring(0, slash);
    return first.isEmpty() ? "listings" : first;
  }

  /** Sends the browser to {@code path} within the application, after a form (303 See Other). */
  public static void redirect(
      HttpServletRequest request, HttpServletResponse response, String path) {
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", request.getContextPath() + path);
  }

  /** A page that says what went wrong, with {@code status}. */
  public void error(
      HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    render(
        request,
        response,
        status,
        "error",
        Map.of("status", status, "heading", heading(status), "message", message));
  }

  /** The error page's title for {@code status}. */
  static String heading(int status) {
    return switch (status) {
      case HttpServletResponse.SC_BAD_REQUEST -> "Bad request";
      case HttpServletResponse.SC_UNAUTHORIZED, HttpServletResponse.SC_FORBIDDEN -> "Refused";
      case HttpServletResponse.SC_NOT_FOUND -> "Not found";
      case HttpServletResponse.SC_METHOD_NOT_ALLOWED -> "Not a page to visit";
      default -> status >= 500 ? "Something went wrong" : "Cannot answer this request";
    };
  }

  /**
   * Builds the engine and renders the pages that need no data (the error, login, register and
   * status pages), with a stand-in request, so that the first visitor does not wait for Thymeleaf
   * to start, parse the layout and compile its expressions. Nothing is written anywhere.
   */
  void warm(ServletContext servletContext) {
    TemplateEngine templates = engine(servletContext);
    HttpServletRequest request = standIn(HttpServletRequest.class, servletContext);
    HttpServletResponse response = standIn(HttpServletResponse.class, servletContext);
    Map<String, Map<String, Object>> pages =
        Map.of(
            "error",
            Map.of("status", 404, "heading", heading(404), "message", "warming up"),
            "login",
            Map.of(),
            "register",
            Map.of(),
            "status",
            Map.of("streams", java.util.List.of(), "refreshMillis", 3000));
    for (Map.Entry<String, Map<String, Object>> page : pages.entrySet()) {
      WebContext context =
          new WebContext(application.buildExchange(request, response), Locale.ENGLISH);
      context.setVariable("csrf", "warm-up");
      context.setVariable("path", "/");
      context.setVariable("nav", "listings");
      context.setVariable("fmt", Formats.INSTANCE);
      page.getValue().forEach(context::setVariable);
      templates.process(page.getKey(), context, Writer.nullWriter());
    }
  }

  /**
   * A request or response that answers as a plain GET of the site's root would, for {@link #warm}:
   * no session, no parameters; attributes (where a page's variables live) are kept; URLs pass
   * through unchanged.
   */
  private static <T> T standIn(Class<T> type, ServletContext servletContext) {
    Map<String, Object> attributes = new HashMap<>();
    InvocationHandler answers =
        (proxy, method, arguments) ->
            switch (method.getName()) {
              case "getAttribute" -> attributes.get((String) arguments[0]);
              case "setAttribute" -> {
                if (arguments[1] == null) {
                  attributes.remove((String) arguments[0]);
                } else {
                  attributes.put((String) arguments[0], arguments[1]);
                }
                yield null;
              }
              case "removeAttribute" -> attributes.remove((String) arguments[0]);
              case "getAttributeNames" -> Collections.enumeration(attributes.keySet());
              case "getContextPath" -> "";
              case "getServletPath", "getRequestURI" -> "/";
              case "getServletContext" -> servletContext;
              case "getLocale" -> Locale.ENGLISH;
              case "getLocales" -> Collections.enumeration(java.util.List.of(Locale.ENGLISH));
              case "getHeaderNames", "getParameterNames", "getHeaders" ->
                  Collections.emptyEnumeration();
              case "getParameterMap" -> Map.of();
              case "getCharacterEncoding" -> "UTF-8";
              case "getMethod" -> "GET";
              case "getScheme" -> "http";
              case "getServerName" -> "localhost";
              case "getServerPort" -> 80;
              case "encodeURL", "encodeRedirectURL" -> arguments[0];
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == arguments[0];
              case "toString" -> "warm-up " + type.getSimpleName();
              default -> defaultValue(method.getReturnType());
            };
    return type.cast(
        Proxy.newProxyInstance(Pages.class.getClassLoader(), new Class<?>[] {type}, answers));
  }

  private static Object defaultValue(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    return null;
  }

  private TemplateEngine engine(ServletContext servletContext) {
    TemplateEngine current = engine;
    if (current == null) {
      synchronized (this) {
        current = engine;
        if (current == null) {
          application = JakartaServletWebApplication.buildApplication(servletContext);
          WebApplicationTemplateResolver resolver = new WebApplicationTemplateResolver(application);
          resolver.setTemplateMode(TemplateMode.HTML);
          resolver.setPrefix("/WEB-INF/templates/");
          resolver.setSuffix(".html");
          resolver.setCharacterEncoding("UTF-8");
          resolver.setCacheable(true);
          current = new TemplateEngine();
          current.setTemplateResolver(resolver);
          engine = current;
        }
      }
    }
    return current;
  }
}
