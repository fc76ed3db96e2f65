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
import org.tradewatch.core.webhook.InvalidWebhookException;
import org.tradewatch.web.page.Flash;
import org.tradewatch.web.page.Pages;
import org.tradewatch.web.watch.Watching;
import org.tradewatch.web.webhook.Webhooks;

/**
 * The logged-in trader's watches: the list, with each one's matches in the last 24 hours, a form to
 * make one, and pause, resume and delete. The form's fields are the API's, checked by the same
 * rules ({@link org.tradewatch.core.watch.WatchParameters}), so a bad one is named the same way.
 * {@code /watches?item=...} (or {@code ?itemKey=...}, {@code ?name=...}) opens the form filled in,
 * as an item's "Watch this item" link does.
 *
 * <p>The page also keeps the user's webhook: its address, a test, a new secret and its removal, and
 * the last attempts of its delivery log. A secret is shown on the page that answers the POST that
 * made it, never through a redirect or the session, so it is shown once.
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
  @Inject transient Webhooks webhooks;

  /** The delivery log's lines the page shows. */
  static final int LOG_LINES = 20;

  /** {@code /webhook} and its actions. */
  private static final Pattern WEBHOOK = Pattern.compile("/webhook(?:/(secret|test|delete))?");

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
    String item = request.getParameter("item");
    if (item != null && item.length() <= 1024 && !form.containsKey("itemKey")) {
      form.put("itemKey", item);
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
    Matcher webhook = WEBHOOK.matcher(path);
    if (webhook.matches()) {
      webhook(request, response, owner, webhook.group(1));
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

  private void webhook(
      HttpServletRequest request, HttpServletResponse response, String owner, String action)
      throws IOException {
    if (action == null) {
      String url = request.getParameter("url");
      Webhooks.Saved saved;
      try {
        saved = webhooks.save(owner, url == null ? "" : url);
      } catch (InvalidWebhookException e) {
        render(
            request,
            response,
            400,
            Map.of(),
            null,
            Map.of("webhookError", e.getMessage(), "webhookUrl", url == null ? "" : url));
        return;
      }
      if (saved.secret().isPresent()) {
        showSecret(request, response, saved.secret().get());
        return;
      }
      Flash.set(request, "ok", "Webhook address saved; its secret is unchanged.");
    } else if (action.equals("secret")) {
      Optional<Webhooks.Saved> saved = webhooks.rotate(owner);
      if (saved.isEmpty()) {
        pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, "You have no webhook.");
        return;
      }
      showSecret(request, response, saved.get().secret().orElseThrow());
      return;
    } else if (action.equals("test")) {
      if (webhooks.test(owner).isEmpty()) {
        pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, "You have no webhook.");
        return;
      }
      Flash.set(request, "ok", "Test sent: its attempts show in the delivery log below.");
    } else {
      if (!webhooks.remove(owner)) {
        pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, "You have no webhook.");
        return;
      }
      Flash.set(request, "ok", "Webhook removed; nothing more is sent to it.");
    }
    Pages.redirect(request, response, "/watches#webhook");
  }

  /** The page with the new secret, this once: rendered in the POST's answer, stored nowhere. */
  private void showSecret(HttpServletRequest request, HttpServletResponse response, String secret)
      throws IOException {
    render(
        request,
        response,
        HttpServletResponse.SC_OK,
        Map.of(),
        null,
        Map.of("webhookSecret", secret));
  }

  private void render(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      Map<String, String> form,
      String error)
      throws IOException {
    render(request, response, status, form, error, Map.of());
  }

  private void render(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      Map<String, String> form,
      String error,
      Map<String, String> webhookExtras)
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
    Optional<Webhooks.View> webhook = webhooks.find(owner);
    page.put("webhook", webhook.orElse(null));
    page.put("webhookUrl", webhook.map(view -> view.webhook().url()).orElse(""));
    page.put("webhookLog", webhooks.log(owner, LOG_LINES).stream().map(AttemptRow::of).toList());
    page.put("webhookSecret", null);
    page.put("webhookError", null);
    page.putAll(webhookExtras);
    pages.render(request, response, status, "watches", page);
  }

  private static String owner(HttpServletRequest request) {
    return Account.keyOf(request.getUserPrincipal().getName());
  }

  private static jakarta.json.JsonObject paused(boolean paused) {
    return JSON.createObjectBuilder().add("paused", paused).build();
  }
}
