package org.tradewatch.web.page.watch;

import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.watch.AlertStore;
import org.tradewatch.core.watch.InvalidWatchException;
import org.tradewatch.core.watch.Watch;
import org.tradewatch.core.watch.WatchLimitException;
import org.tradewatch.core.watch.WatchService;
import org.tradewatch.web.page.Flash;
import org.tradewatch.web.page.Pages;
import org.tradewatch.web.watch.Watching;

/**
 * The logged-in trader's watches: the list, with each one's matches in the last 24 hours, a form to
 * make one, and pause, resume and delete. The form's fields are the API's, checked by the same
 * rules ({@link org.tradewatch.core.watch.WatchParameters}), so a bad one is named the same way.
 * {@code /watches?itemKey=...} (or {@code ?name=...}) opens the form filled in.
 */
@WebServlet(urlPatterns = {"/watches", "/watches/*"})
public class WatchesPage extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private static final JsonProvider JSON = JsonProvider.provider();

  /** {@code /{id}/pause}, {@code /{id}/resume} or {@code /{id}/delete}. */
  private static final Pattern ACTION = Pattern.compile("/([^/]+)/(pause|resume|delete)");

  /** The form's fields as the page keeps them, in its order. */
  static final List<String> FORM =
      List.of("name", "itemKey", "source", "intent", "quality", "bound", "price", "dealsOnly");

  @Inject transient Pages pages;
  @Inject transient Watching watching;
  @Inject transient AlertStore alerts;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getPathInfo() != null && !request.getPathInfo().equals("/")) {
      pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, "There is no such page.");
      return;
    }
    Map<String, String> form = new HashMap<>();
    for (String field : List.of("name", "itemKey")) {
      String given = request.getParameter(field);
      if (given != null && given.length() <= 1024) {
        form.put(field, given);
      }
    }
    render(request, response, HttpServletResponse.SC_OK, form, null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String owner = owner(request);
    WatchService watches = watching.service();
    String path = request.getPathInfo();
    if (path == null || path.equals("/")) {
      create(request, response, owner, watches);
      return;
    }
    Matcher action = ACTION.matcher(path);
    if (!action.matches()) {
      pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, "No such action.");
      return;
    }
    String id = action.group(1);
    Optional<Watch> watch = watches.find(owner, id);
    boolean done =
        switch (action.group(2)) {
          case "pause" -> watches.patch(owner, id, paused(true)).isPresent();
          case "resume" -> watches.patch(owner, id, paused(false)).isPresent();
          default -> watches.delete(owner, id);
        };
    if (!done) {
      pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, "You have no such watch.");
      return;
    }
    String label = watch.map(WatchRow::label).orElse("The watch");
    Flash.set(
        request,
        "ok",
        switch (action.group(2)) {
          case "pause" -> "Paused: " + label + ".";
          case "resume" -> "Watching again: " + label + ".";
          default -> "Deleted: " + label + ". Its alerts stay in Notifications.";
        });
    Pages.redirect(request, response, "/watches");
  }

  private void create(
      HttpServletRequest request, HttpServletResponse response, String owner, WatchService watches)
      throws IOException {
    Map<String, String> form = new LinkedHashMap<>();
    for (String field : FORM) {
      String value = request.getParameter(field);
      form.put(field, value == null ? "" : value.strip());
    }
    JsonObjectBuilder json = JSON.createObjectBuilder();
    for (String field : List.of("name", "itemKey", "source", "intent", "quality")) {
      if (!form.get(field).isEmpty()) {
        json.add(field, form.get(field));
      }
    }
    String bound = form.get("bound");
    if (!bound.isEmpty()) {
      if (!bound.equals("atMost") && !bound.equals("atLeast")) {
        render(request, response, 400, form, "bound: at most, at least, or any price");
        return;
      }
      try {
        json.add(bound, new BigDecimal(form.get("price")));
      } catch (NumberFormatException e) {
        render(request, response, 400, form, bound + ": enter the price as a number");
        return;
      }
    } else if (!form.get("price").isEmpty()) {
      render(request, response, 400, form, "price: choose at most or at least for it");
      return;
    }
    if ("true".equals(form.get("dealsOnly"))) {
      json.add("dealsOnly", true);
    }
    Watch watch;
    try {
      watch = watches.create(owner, json.build());
    } catch (InvalidWatchException e) {
      render(request, response, 400, form, e.getMessage());
      return;
    } catch (WatchLimitException e) {
      render(request, response, 409, form, e.getMessage());
      return;
    }
    Flash.set(request, "ok", "Watching " + WatchRow.label(watch) + ".");
    Pages.redirect(request, response, "/watches");
  }

  private void render(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      Map<String, String> form,
      String error)
      throws IOException {
    String owner = owner(request);
    List<Watch> watches = watching.service().list(owner);
    Map<String, Long> counts =
        alerts.countsByWatch(owner, Instant.now().minus(Duration.ofHours(24)));
    Map<String, Object> page = new HashMap<>();
    page.put(
        "rows",
        watches.stream().map(w -> WatchRow.of(w, counts.getOrDefault(w.id(), 0L))).toList());
    page.put("limit", Watch.MAX_PER_ACCOUNT);
    page.put("full", watches.size() >= Watch.MAX_PER_ACCOUNT);
    page.put("form", form);
    page.put("error", error);
    pages.render(request, response, status, "watches", page);
  }

  private static String owner(HttpServletRequest request) {
    return Account.keyOf(request.getUserPrincipal().getName());
  }

  private static jakarta.json.JsonObject paused(boolean paused) {
    return JSON.createObjectBuilder().add("paused", paused).build();
  }
}
