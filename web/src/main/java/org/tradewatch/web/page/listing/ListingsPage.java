package org.tradewatch.web.page.listing;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tradewatch.core.item.Wear;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingReader;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.web.api.ApiException;
import org.tradewatch.web.page.Pages;

/**
 * The front page: a search form over the stored listings, one page of them, and paging links. It is
 * complete without JavaScript; {@code static/listings-live.js} adds the live updates.
 */
@WebServlet("")
public class ListingsPage extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** Rows per page: enough to scan, few enough that live updates stay readable. */
  static final int PAGE_SIZE = 50;

  /** backpack.tf's qualities, offered in the filter. */
  static final List<String> QUALITIES =
      List.of(
          "Unique",
          "Strange",
          "Unusual",
          "Vintage",
          "Genuine",
          "Haunted",
          "Collector's",
          "Decorated Weapon",
          "Self-Made",
          "Normal");

  /** CS2 rarities, which skinshark listings carry as their quality. */
  static final List<String> RARITIES =
      List.of(
          "Consumer Grade", "Industrial Grade", "Mil-Spec", "Restricted", "Classified", "Covert");

  /** Killstreak tiers by their number, as the filter offers them (the REST API's names). */
  static final List<String> KILLSTREAKS =
      List.of("none", "killstreak", "specialized", "professional");

  /** What the killstreak filter shows for each tier. */
  static final List<String> KILLSTREAK_LABELS =
      List.of("None", "Killstreak", "Specialized", "Professional");

  /** Wear tiers, best first, as the filter offers them. */
  static final List<String> WEARS = Arrays.stream(Wear.values()).map(Wear::id).toList();

  @Inject transient Pages pages;
  @Inject transient ListingReader listings;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ListingFilters filters = ListingFilters.from(request);
    Map<String, Object> model = new HashMap<>();
    model.put("filters", filters);
    model.put("qualities", QUALITIES);
    model.put("rarities", RARITIES);
    model.put("killstreaks", KILLSTREAKS);
    model.put("killstreakLabels", KILLSTREAK_LABELS);
    model.put("wears", WEARS);
    model.put("customQuality", customQuality(filters.getQuality()));
    model.put("pageSize", PAGE_SIZE);
    ListingQuery query;
    try {
      query = filters.query(request.getParameter("page"), PAGE_SIZE);
      if (query.sort() == ListingSort.KEY) {
        // The cursor order is for programs walking every listing; the page offers the other four.
        throw ApiException.badRequest(
            "sort: expected one of value, -value, updated, -updated, was 'key'");
      }
    } catch (ApiException e) {
      model.put("error", e.getMessage());
      model.put("rows", List.of());
      model.put("total", 0L);
      model.put("totalText", totalText(0, true));
      model.put("page", 1);
      model.put("paging", Paging.of(1, 0, PAGE_SIZE, 0, true, filters::href));
      model.put("insertNew", false);
      pages.render(request, response, e.status(), "listings", model);
      return;
    }
    var found = listings.search(query);
    model.put("rows", found.items().stream().map(ListingView::new).toList());
    model.put("total", found.total());
    model.put("totalText", totalText(found.total(), found.totalExact()));
    model.put("page", query.page());
    model.put(
        "paging",
        Paging.of(
            query.page(),
            found.items().size(),
            PAGE_SIZE,
            found.total(),
            found.totalExact(),
            filters::href));
    // Only the first page sorted newest first has an obvious place for a listing that arrives
    // live: its top. Elsewhere the script counts arrivals and offers a reload.
    model.put("insertNew", query.page() == 1 && query.sort() == ListingSort.UPDATED_DESC);
    pages.render(request, response, "listings", model);
  }

  /** "1 listing", "12,345 listings", or "more than 1,000 listings" when not counted to the end. */
  static String totalText(long total, boolean exact) {
    String count = String.format(Locale.ROOT, "%,d", total);
    if (!exact) {
      return "more than " + count + " listings";
    }
    return total == 1 ? "1 listing" : count + " listings";
  }

  /** A quality asked for in the URL that the form does not offer, so the form can still show it. */
  private static String customQuality(String quality) {
    if (quality == null) {
      return null;
    }
    String wanted = quality.toLowerCase(Locale.ROOT);
    boolean offered =
        QUALITIES.stream().anyMatch(q -> q.toLowerCase(Locale.ROOT).equals(wanted))
            || RARITIES.stream().anyMatch(q -> q.toLowerCase(Locale.ROOT).equals(wanted));
    return offered ? null : quality;
  }
}
