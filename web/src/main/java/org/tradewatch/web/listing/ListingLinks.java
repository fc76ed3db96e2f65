package org.tradewatch.web.listing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tradewatch.core.listing.ListingSnapshot;
import org.tradewatch.core.listing.Source;

/**
 * Where a trader goes from a listing: the listing on backpack.tf, the seller's backpack.tf and
 * Steam profiles, the seller's trade offer link, a skinshark listing's page on its marketplace, and
 * the item's icon. Each is built only from parts that were checked: a listing id of safe
 * characters, a SteamID64 of digits, a trade offer link on steamcommunity.com to the seller's own
 * account, a marketplace page on a configured host over HTTPS, an icon on a configured image host.
 * Upstream text can therefore never become a {@code javascript:} link or send a trader off to a
 * site that was not named. A link that cannot be checked is null, and the pages leave it out.
 *
 * @param listing the listing on backpack.tf, or null
 * @param sellerProfile the seller's backpack.tf profile, or null
 * @param sellerSteam the seller's Steam profile, or null
 * @param tradeOffer the seller's trade offer link, or null
 * @param marketplace a skinshark listing's page on its marketplace, or null
 * @param marketplaceName the marketplace's name for the link's text, or null
 * @param image the item's icon, or null
 */
public record ListingLinks(
    String listing,
    String sellerProfile,
    String sellerSteam,
    String tradeOffer,
    String marketplace,
    String marketplaceName,
    String image) {

  static final ListingLinks NONE = new ListingLinks(null, null, null, null, null, null, null);

  private static final String STEAM = "https://steamcommunity.com";

  /** A SteamID64 of an individual account: Steam's base for them plus the 32-bit account id. */
  private static final long STEAM_ID_BASE = 76561197960265728L;

  private static final Pattern STEAM_ID = Pattern.compile("7656119[0-9]{10}");
  private static final Pattern BPTF_ID = Pattern.compile("[0-9]{1,6}_[0-9A-Za-z_]{1,120}");
  private static final Pattern TRADE_OFFER =
      Pattern.compile(
          "https://steamcommunity\\.com/tradeoffer/new/\\?partner=([0-9]{1,10})&token=([A-Za-z0-9_-]{1,32})");
  private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9._~%!$&'()*+,;=:@-]*)+");
  private static final Pattern SAFE_QUERY = Pattern.compile("[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*");
  private static final Pattern MARKETPLACE_NAME =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}");

  /** The links of a listing under {@code rules}. */
  public static ListingLinks of(ListingSnapshot snapshot, LinkRules rules) {
    String image = image(snapshot.imageUrl(), rules);
    if (snapshot.key().source() == Source.SKINSHARK) {
      String page = marketplacePage(JsonFields.string(snapshot.payload(), "listingUrl"), rules);
      String name = page == null ? null : marketplaceName(snapshot.payload(), page);
      return new ListingLinks(null, null, null, null, page, name, image);
    }
    String id = snapshot.key().id();
    String listing =
        BPTF_ID.matcher(id).matches() ? rules.bptfSite() + "/classifieds?listing=" + id : null;
    String seller = snapshot.sellerId();
    if (seller == null || !STEAM_ID.matcher(seller).matches()) {
      return new ListingLinks(listing, null, null, null, null, null, image);
    }
    return new ListingLinks(
        listing,
        rules.bptfSite() + "/profiles/" + seller,
        STEAM + "/profiles/" + seller,
        tradeOffer(JsonFields.string(snapshot.payload(), "tradeOfferUrl"), seller),
        null,
        null,
        image);
  }

  /**
   * The trade offer link, rebuilt from its partner and token, when it is Steam's "new offer" page
   * for the seller's own account; otherwise null.
   */
  static String tradeOffer(String url, String sellerSteamId) {
    if (url == null) {
      return null;
    }
    Matcher offer = TRADE_OFFER.matcher(url.strip());
    if (!offer.matches()) {
      return null;
    }
    long partner = Long.parseLong(offer.group(1));
    if (partner + STEAM_ID_BASE != Long.parseLong(sellerSteamId)) {
      return null;
    }
    return STEAM + "/tradeoffer/new/?partner=" + partner + "&token=" + offer.group(2);
  }

  /**
   * An icon over HTTPS on one of the configured image hosts; a path on backpack.tf ({@code
   * /images/...}) counts as backpack.tf's own. Anything else is null.
   */
  static String image(String url, LinkRules rules) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String address = url.strip();
    if (address.startsWith("/") && !address.startsWith("//")) {
      address = rules.bptfSite() + address;
    }
    URI uri = https(address);
    if (uri == null || !rules.imageHosts().contains(uri.getHost().toLowerCase(Locale.ROOT))) {
      return null;
    }
    return uri.toASCIIString();
  }

  /** A page over HTTPS on a configured marketplace host (or a subdomain of one); else null. */
  static String marketplacePage(String url, LinkRules rules) {
    if (url == null) {
      return null;
    }
    URI uri = https(url.strip());
    if (uri == null || !rules.isMarketplace(uri.getHost().toLowerCase(Locale.ROOT))) {
      return null;
    }
    return uri.toASCIIString();
  }

  /** The payload's own marketplace name when it is a plain word, else the page's host. */
  private static String marketplaceName(String payload, String page) {
    String named = JsonFields.string(payload, "marketplace");
    if (named != null && MARKETPLACE_NAME.matcher(named).matches()) {
      return named;
    }
    return URI.create(page).getHost();
  }

  /**
   * {@code address} as an absolute HTTPS URI with a host, no user info or port, and a path and
   * query of URL-safe characters only; null when it is anything else.
   */
  private static URI https(String address) {
    try {
      URI uri = new URI(address);
      if (!"https".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null
          || uri.getRawUserInfo() != null
          || uri.getPort() != -1
          || uri.getRawFragment() != null) {
        return null;
      }
      String path = uri.getRawPath();
      if (path != null && !path.isEmpty() && !SAFE_PATH.matcher(path).matches()) {
        return null;
      }
      String query = uri.getRawQuery();
      if (query != null && !SAFE_QUERY.matcher(query).matches()) {
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
