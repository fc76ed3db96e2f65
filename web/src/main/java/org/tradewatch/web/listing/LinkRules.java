package org.tradewatch.web.listing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where the pages may send a trader and which pictures they may show, from configuration: the
 * backpack.tf site the listing and profile links go to ({@code tradewatch.bptf.site.url}), the
 * hosts item icons may come from ({@code tradewatch.pages.image-hosts}, which the
 * Content-Security-Policy allows and nothing else), and the marketplaces a skinshark listing may
 * link to ({@code tradewatch.skinshark.marketplace-hosts}).
 *
 * <p>The rules are read once: the pages, the security headers and the listing JSON (which the live
 * socket sends from the ingest's threads, outside any request) all see the same ones.
 *
 * @param bptfSite backpack.tf's address, without a trailing slash
 * @param imageHosts host names item icons may be loaded from over HTTPS
 * @param marketplaceHosts host names (and their subdomains) skinshark listings may link to
 */
public record LinkRules(String bptfSite, Set<String> imageHosts, Set<String> marketplaceHosts) {

  /**
   * The upstreams' own CDNs: Steam's item icons (TF2 and CS2), backpack.tf's, scrap.tf's paints.
   */
  public static final String DEFAULT_IMAGE_HOSTS =
      "steamcdn-a.akamaihd.net,community.akamai.steamstatic.com,"
          + "community.cloudflare.steamstatic.com,community.fastly.steamstatic.com,"
          + "backpack.tf,scrap.tf,cdn.skinshark.gg";

  /** The marketplaces skinshark's live market draws from. */
  public static final String DEFAULT_MARKETPLACE_HOSTS =
      "skinshark.gg,csfloat.com,buff.163.com,skinport.com";

  public static final String DEFAULT_BPTF_SITE = "https://backpack.tf";

  private static final Pattern HOST =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

  private static volatile LinkRules current;

  public LinkRules {
    bptfSite = site(bptfSite);
    imageHosts = Set.copyOf(imageHosts);
    marketplaceHosts = Set.copyOf(marketplaceHosts);
  }

  /**
   * The rules from comma-separated host lists; a blank or malformed entry is left out, so a typo
   * can narrow what is allowed but never widen it.
   *
   * @throws IllegalArgumentException when {@code bptfSite} is not an http(s) address
   */
  public static LinkRules of(String bptfSite, String imageHosts, String marketplaceHosts) {
    return new LinkRules(bptfSite, hosts(imageHosts), hosts(marketplaceHosts));
  }

  /** The rules of this application's configuration, read at the first call. */
  public static LinkRules current() {
    LinkRules rules = current;
    if (rules == null) {
      rules = fromConfig();
      current = rules;
    }
    return rules;
  }

  private static LinkRules fromConfig() {
    Config config;
    try {
      config = ConfigProvider.getConfig();
    } catch (IllegalStateException e) {
      // No MicroProfile Config outside the container (plain unit tests): the defaults.
      return of(DEFAULT_BPTF_SITE, DEFAULT_IMAGE_HOSTS, DEFAULT_MARKETPLACE_HOSTS);
    }
    return of(
        value(config, "tradewatch.bptf.site.url", DEFAULT_BPTF_SITE),
        value(config, "tradewatch.pages.image-hosts", DEFAULT_IMAGE_HOSTS),
        value(config, "tradewatch.skinshark.marketplace-hosts", DEFAULT_MARKETPLACE_HOSTS));
  }

  private static String value(Config config, String key, String fallback) {
    Optional<String> value = config.getOptionalValue(key, String.class);
    return value.orElse(fallback);
  }

  /** The image hosts as CSP sources, {@code https://host} each, space-separated, sorted. */
  public String imageSources() {
    return imageHosts.stream()
        .sorted()
        .map(host -> "https://" + host)
        .collect(Collectors.joining(" "));
  }

  /** Whether {@code host} is a listed marketplace or a subdomain of one. */
  boolean isMarketplace(String host) {
    for (String allowed : marketplaceHosts) {
      if (host.equals(allowed) || host.endsWith("." + allowed)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> hosts(String list) {
    if (list == null) {
      return Set.of();
    }
    return Arrays.stream(list.split(","))
        .map(host -> host.strip().toLowerCase(Locale.ROOT))
        .filter(host -> HOST.matcher(host).matches())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String site(String address) {
    String trimmed = address == null ? "" : address.strip().replaceAll("/+$", "");
    try {
      URI uri = new URI(trimmed);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null) {
        return trimmed;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException("not an http(s) site address: '" + address + "'");
  }
}
