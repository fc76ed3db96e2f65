package org.tradewatch.web.page.notification;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.account.TokenCipherException;
import org.tradewatch.core.listing.Listing;
import org.tradewatch.core.listing.ListingKey;
import org.tradewatch.core.listing.ListingReader;
import org.tradewatch.core.listing.Source;
import org.tradewatch.core.notification.InvalidParameterException;
import org.tradewatch.core.notification.NotificationFilter;
import org.tradewatch.core.notification.NotificationFolder;
import org.tradewatch.core.notification.NotificationParameters;
import org.tradewatch.core.notification.NotificationQuery;
import org.tradewatch.core.notification.NotificationService;
import org.tradewatch.core.notification.SearchAnswer;
import org.tradewatch.core.notification.UpstreamFailure;
import org.tradewatch.core.watch.AlertPage;
import org.tradewatch.core.watch.AlertStore;
import org.tradewatch.core.watch.Ids;
import org.tradewatch.core.watch.Watch;
import org.tradewatch.web.account.Accounts;
import org.tradewatch.web.page.Flash;
import org.tradewatch.web.page.Pages;
import org.tradewatch.web.page.watch.WatchRow;
import org.tradewatch.web.watch.Watching;

/**
 * The logged-in user's backpack.tf notifications: Inbox and Archived tabs with their counts, the
 * filter, pages of 60, and the actions (mark the folder read, delete the selected ones, empty the
 * folder after a confirmation). Everything goes through the same service as the REST proxy, with
 * the token stored in the user's account, so the upstream budgets hold for pages and API alike. A
 * watched-listing notification shows its listing's item, price and intent, and links to the
 * listing's page here when Tradewatch stores it, else to the listing on backpack.tf.
 *
 * <p>Beside backpack.tf's folders, {@code ?folder=alerts} is Tradewatch's own: the alerts of the
 * user's watches, with unread marks, mark read and delete. It needs no backpack.tf token.
 */
@WebServlet(urlPatterns = {"/notifications", "/notifications/*"})
public class NotificationsPage extends HttpServlet {

  private static final Logger LOG = Logger.getLogger(NotificationsPage.class.getName());

  /** The {@code folder} of the "Tradewatch alerts" tab. */
  static final String ALERTS = "alerts";

  /** Alerts shown per page. */
  static final int ALERTS_PAGE = 50;

  /** The filters as the select offers them, in upstream's order. */
  static final List<Map.Entry<Integer, String>> FILTERS =
      List.of(
          Map.entry(0, "All"),
          Map.entry(1, "Responses"),
          Map.entry(2, "Trust"),
          Map.entry(3, "Suggestions"),
          Map.entry(4, "Subscriptions"),
          Map.entry(6, "Issues"));

  @Inject Pages pages;

  @Inject Accounts accounts;

  @Inject NotificationService notifications;

  @Inject ListingReader listings;

  @Inject AlertStore alertStore;

  @Inject Watching watching;

  @Inject
  @ConfigProperty(name = "tradewatch.bptf.site.url", defaultValue = "https://backpack.tf")
  String siteUrl;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getPathInfo() != null && !request.getPathInfo().equals("/")) {
      pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, "There is no such page.");
      return;
    }
    if (ALERTS.equals(request.getParameter("folder"))) {
      alerts(request, response);
      return;
    }
    Map<String, Object> page = new HashMap<>();
    NotificationQuery query;
    try {
      query =
          NotificationParameters.query(
              request.getParameter("folder"),
              request.getParameter("filter"),
              null,
              request.getParameter("skip"));
    } catch (InvalidParameterException e) {
      pages.error(request, response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
      return;
    }
    NotificationFolder folder = query.folderOrInbox();
    NotificationFilter filter = query.filterOrAll();
    page.put("folder", folder.code());
    page.put("tab", folder == NotificationFolder.INBOX ? "inbox" : "archive");
    page.put("alertsUnread", alertsUnread(request));
    page.put("filter", filter.code());
    page.put("filters", FILTERS);
    String site = siteUrl.replaceAll("/+$", "");
    page.put("siteUrl", site);
    Optional<String> token = storedToken(request);
    int status = HttpServletResponse.SC_OK;
    if (token.isEmpty()) {
      page.put("noToken", true);
    } else {
      try {
        SearchAnswer answer = notifications.search(token.get(), query);
        NotificationView.Page found = NotificationView.page(answer.page());
        found = found.linked(stored(found.listingIds()), site);
        page.put("page", found);
        page.put("countText", countText(filter, found));
        page.put("stale", answer.stale());
        page.put("syncedAt", Instant.ofEpochMilli(answer.syncedAtMillis()));
        page.put("counts", counts(token.get(), folder, found.folderCount()));
        page.put("emptyText", emptyText(query));
        page.put("hasNewer", query.skip() > 0);
        page.put("newerSkip", Math.max(0, query.skip() - found.pageSize()));
        page.put(
            "hasOlder",
            query.skip() + found.items().size() < found.folderCount()
                && found.items().size() == found.pageSize());
        page.put("olderSkip", query.skip() + found.pageSize());
      } catch (UpstreamFailure failure) {
        status = problem(failure, page);
        page.put("counts", counts(token.get(), folder, -1));
      }
    }
    pages.render(request, response, status, "notifications", page);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String action = request.getPathInfo() == null ? "" : request.getPathInfo();
    if (action.startsWith("/alerts/")) {
      alertAction(request, response, action.substring("/alerts".length()));
      return;
    }
    NotificationFolder folder;
    try {
      folder = NotificationParameters.requiredFolder(request.getParameter("folder"));
    } catch (InvalidParameterException e) {
      pages.error(request, response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
      return;
    }
    String back = "/notifications?folder=" + folder.code() + filterSuffix(request);
    Optional<String> token = storedToken(request);
    if (token.isEmpty()) {
      Flash.set(request, "error", "Save your backpack.tf token in Settings first.");
      Pages.redirect(request, response, back);
      return;
    }
    try {
      switch (action) {
        case "/read" -> {
          long modified = notifications.markFolderRead(token.get(), folder);
          Flash.set(request, "ok", plural(modified, "notification") + " marked read.");
        }
        case "/delete" -> {
          String[] selected = request.getParameterValues("ids");
          if (selected == null || selected.length == 0) {
            Flash.set(request, "warn", "Select the notifications to delete first.");
            break;
          }
          List<String> ids = NotificationParameters.ids(List.of(selected));
          long modified = notifications.delete(token.get(), ids);
          Flash.set(request, "ok", plural(modified, "notification") + " deleted.");
        }
        case "/empty" -> {
          if (!"yes".equals(request.getParameter("confirm"))) {
            confirmEmpty(request, response, token.get(), folder);
            return;
          }
          long modified = notifications.emptyFolder(token.get(), folder);
          Flash.set(
              request,
              "ok",
              (folder == NotificationFolder.INBOX ? "Inbox" : "Archived")
                  + " emptied: "
                  + plural(modified, "notification")
                  + " deleted.");
        }
        default -> {
          pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, "No such action.");
          return;
        }
      }
    } catch (InvalidParameterException e) {
      Flash.set(request, "error", e.getMessage());
    } catch (UpstreamFailure failure) {
      Map<String, Object> ignored = new HashMap<>();
      problem(failure, ignored);
      Flash.set(request, "error", "Nothing changed: " + ignored.get("problem"));
    }
    Pages.redirect(request, response, back);
  }

  /**
   * The "Tradewatch alerts" folder: the user's alerts, newest first, a page of {@value
   * #ALERTS_PAGE} at a time, each with the watch that raised it. Needs no backpack.tf token; the
   * other tabs show the counts Tradewatch's copy holds, without asking backpack.tf.
   */
  private void alerts(HttpServletRequest request, HttpServletResponse response) throws IOException {
    int skip;
    try {
      skip = NotificationParameters.query(null, null, null, request.getParameter("skip")).skip();
    } catch (InvalidParameterException e) {
      pages.error(request, response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
      return;
    }
    String owner = owner(request);
    AlertPage found = alertStore.list(owner, false, skip, ALERTS_PAGE);
    Map<String, String> watches = new HashMap<>();
    for (Watch watch : watching.service().list(owner)) {
      watches.put(watch.id(), WatchRow.label(watch));
    }
    Map<String, Object> page = new HashMap<>();
    page.put("tab", "alerts");
    page.put("filter", NotificationFilter.ALL.code());
    page.put("rows", found.alerts().stream().map(alert -> AlertRow.of(alert, watches)).toList());
    page.put("unread", found.unread());
    page.put("alertsUnread", found.unread());
    page.put("skip", skip);
    page.put(
        "countText",
        plural(found.total(), "alert")
            + (found.unread() > 0 ? ", " + found.unread() + " unread" : ""));
    page.put(
        "emptyText",
        skip > 0
            ? "Nothing more: the newer pages hold all there is."
            : "No alerts yet. They appear here as listings match your watches.");
    page.put("hasNewer", skip > 0);
    page.put("newerSkip", Math.max(0, skip - ALERTS_PAGE));
    page.put("hasOlder", skip + found.alerts().size() < found.total());
    page.put("olderSkip", skip + ALERTS_PAGE);
    Optional<String> token = storedToken(request);
    if (token.isPresent()) {
      Map<String, Object> counts = new HashMap<>();
      counts.put("inbox", stored(token.get(), NotificationFolder.INBOX));
      counts.put("archive", stored(token.get(), NotificationFolder.ARCHIVE));
      page.put("counts", counts);
    }
    pages.render(request, response, "notifications-alerts", page);
  }

  /** Marks all alerts read, or marks read or deletes the selected ones; then back to the folder. */
  private void alertAction(HttpServletRequest request, HttpServletResponse response, String action)
      throws IOException {
    String owner = owner(request);
    String back = "/notifications?folder=" + ALERTS + skipSuffix(request);
    List<String> ids = new ArrayList<>();
    String[] selected = request.getParameterValues("ids");
    if (selected != null) {
      for (String id : selected) {
        if (Ids.valid(id)) {
          ids.add(id);
        }
      }
    }
    switch (action) {
      case "/read" -> {
        int modified = alertStore.markAllRead(owner);
        Flash.set(request, "ok", plural(modified, "alert") + " marked read.");
      }
      case "/read-selected", "/delete" -> {
        if (ids.isEmpty()) {
          Flash.set(request, "warn", "Select the alerts first.");
          break;
        }
        if (action.equals("/delete")) {
          Flash.set(request, "ok", plural(alertStore.delete(owner, ids), "alert") + " deleted.");
        } else {
          int modified = alertStore.markRead(owner, ids, true);
          Flash.set(request, "ok", plural(modified, "alert") + " marked read.");
        }
      }
      default -> {
        pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, "No such action.");
        return;
      }
    }
    Pages.redirect(request, response, back);
  }

  /** How many alerts the user has not read, for the tab; null when the store cannot say. */
  private Long alertsUnread(HttpServletRequest request) {
    try {
      return alertStore.list(owner(request), true, 0, 1).total();
    } catch (RuntimeException e) {
      LOG.warning(() -> "Could not count the unread alerts: " + e.getClass().getName());
      return null;
    }
  }

  private static String owner(HttpServletRequest request) {
    return Account.keyOf(request.getUserPrincipal().getName());
  }

  private static String skipSuffix(HttpServletRequest request) {
    String skip = request.getParameter("skip");
    return skip != null && skip.matches("[0-9]{1,7}") && !skip.equals("0") ? "&skip=" + skip : "";
  }

  /**
   * The user's token; empty when none is saved, or when it can no longer be read (the key was
   * replaced): either way the page asks for the token again.
   */
  private Optional<String> storedToken(HttpServletRequest request) {
    try {
      return accounts.token(request.getUserPrincipal().getName());
    } catch (TokenCipherException e) {
      return Optional.empty();
    }
  }

  private void confirmEmpty(
      HttpServletRequest request,
      HttpServletResponse response,
      String token,
      NotificationFolder folder)
      throws IOException {
    Map<String, Object> page = new HashMap<>();
    page.put("folder", folder.code());
    page.put("folderName", folder == NotificationFolder.INBOX ? "Inbox" : "Archived");
    OptionalInt count = notifications.folderCount(token, folder);
    page.put("count", count.isPresent() ? count.getAsInt() : null);
    pages.render(request, response, "notifications-empty", page);
  }

  /** Puts the message for the page and answers the page's status. */
  private static int problem(UpstreamFailure failure, Map<String, Object> page) {
    int status = failure.clientStatus();
    if (status == 401) {
      page.put(
          "problem",
          "backpack.tf refused your access token. Check it, or save a new one, in Settings.");
      page.put("tokenRefused", true);
      return HttpServletResponse.SC_OK;
    }
    if (status == 429) {
      long wait =
          failure.retryAfterSeconds() == null ? 30 : Math.max(1, failure.retryAfterSeconds());
      // The page reloads itself then (layout's refresh), so it says when rather than what failed.
      page.put(
          "problem",
          "backpack.tf is asked sparingly, and Tradewatch does not hold this page yet: it loads in "
              + wait
              + " s.");
      page.put("refreshSeconds", wait);
      return HttpServletResponse.SC_OK;
    }
    page.put(
        "problem",
        "backpack.tf is unreachable right now (" + failure.getMessage() + "). Try again later.");
    page.put("unreachable", true);
    return status;
  }

  /**
   * Both tabs' counts: the shown folder's from its answer ({@code shownCount}, or -1 when there is
   * none), the other's from the copy. When the other folder was never stored its newest page is
   * loaded once, so both tabs show a count and opening the other tab is answered from the copy.
   */
  private Map<String, Object> counts(String token, NotificationFolder shown, int shownCount) {
    Map<String, Object> counts = new HashMap<>();
    for (NotificationFolder folder : NotificationFolder.values()) {
      Integer count;
      if (folder == shown) {
        count = shownCount >= 0 ? Integer.valueOf(shownCount) : stored(token, folder);
      } else {
        count = stored(token, folder);
        if (count == null && shownCount >= 0) {
          count = loaded(token, folder);
        }
      }
      counts.put(folder == NotificationFolder.INBOX ? "inbox" : "archive", count);
    }
    return counts;
  }

  private Integer stored(String token, NotificationFolder folder) {
    OptionalInt count = notifications.folderCount(token, folder);
    return count.isPresent() ? Integer.valueOf(count.getAsInt()) : null;
  }

  private Integer loaded(String token, NotificationFolder folder) {
    try {
      return notifications.search(token, NotificationQuery.newestPage(folder)).page().folderCount();
    } catch (UpstreamFailure failure) {
      // No count on that tab for now; opening it says why.
      return null;
    }
  }

  /**
   * The ids among {@code ids} of the backpack.tf listings Tradewatch stores (deleted or not: their
   * page shows them too). Empty when the store cannot be asked: the links then go to backpack.tf,
   * and the notifications still show.
   */
  private Set<String> stored(Set<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    try {
      return listings
          .findAll(ids.stream().map(id -> new ListingKey(Source.BPTF, id)).toList())
          .stream()
          .map(Listing::key)
          .map(ListingKey::id)
          .collect(Collectors.toSet());
    } catch (RuntimeException e) {
      LOG.warning(() -> "Could not look up the notifications' listings: " + e.getClass().getName());
      return Set.of();
    }
  }

  /**
   * What the page says of its count: the folder's size, and with a filter how many match it. The
   * folder count is upstream's and ignores the filter; how many match is known exactly once a page
   * is not full (the newer pages before it were), else only as at least what was shown.
   */
  static String countText(NotificationFilter filter, NotificationView.Page page) {
    String folder = page.folderCount() + " in this folder";
    if (filter == NotificationFilter.ALL) {
      return folder;
    }
    int shown = page.items().size();
    if (shown == 0 && page.skip() > 0) {
      return folder;
    }
    String name =
        FILTERS.stream()
            .filter(f -> f.getKey() == filter.code())
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse("this filter");
    int seen = page.skip() + shown;
    String matching =
        shown < page.pageSize()
            ? seen + (seen == 1 ? " matches " : " match ")
            : "At least " + seen + " match ";
    return matching + "“" + name + "”, of " + folder;
  }

  /** What an empty page says: the end of an older page is not an empty folder. */
  private static String emptyText(NotificationQuery query) {
    String folder = query.folderOrInbox() == NotificationFolder.INBOX ? "inbox" : "archive";
    if (query.skip() > 0) {
      return "Nothing more in this " + folder + ": the newer pages hold all there is.";
    }
    if (query.filterOrAll() != NotificationFilter.ALL) {
      return "No notifications of this kind in the " + folder + ".";
    }
    return query.folderOrInbox() == NotificationFolder.INBOX
        ? "Your inbox is empty."
        : "Nothing archived.";
  }

  private static String filterSuffix(HttpServletRequest request) {
    String filter = request.getParameter("filter");
    return filter != null && filter.matches("[0-9]") ? "&filter=" + filter : "";
  }

  static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
