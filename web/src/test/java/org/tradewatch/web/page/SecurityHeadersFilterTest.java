package org.tradewatch.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tradewatch.web.listing.LinkRules;

/**
 * The Content-Security-Policy allows images from exactly the configured hosts, and nothing else.
 */
class SecurityHeadersFilterTest {

  @Test
  void imagesMayComeFromTheConfiguredHostsOnly() {
    assertEquals(
        "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data: https://a.example https://cdn.b.example;"
            + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'",
        SecurityHeadersFilter.policy(
            LinkRules.of("https://backpack.tf", "cdn.b.example,a.example", "")));
  }

  @Test
  void noImageHostsLeaveOnlyThisSite() {
    assertEquals(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'",
        SecurityHeadersFilter.policy(LinkRules.of("https://backpack.tf", "", "")));
  }

  @Test
  void byDefaultTheUpstreamsCdnsAreAllowed() {
    String policy =
        SecurityHeadersFilter.policy(
            LinkRules.of(
                LinkRules.DEFAULT_BPTF_SITE,
                LinkRules.DEFAULT_IMAGE_HOSTS,
                LinkRules.DEFAULT_MARKETPLACE_HOSTS));
    assertEquals(
        "img-src 'self' data: https://backpack.tf https://cdn.skinshark.gg"
            + " https://community.akamai.steamstatic.com https://community.cloudflare.steamstatic.com"
            + " https://community.fastly.steamstatic.com https://scrap.tf"
            + " https://steamcdn-a.akamaihd.net",
        policy.split("; ")[3]);
  }
}
