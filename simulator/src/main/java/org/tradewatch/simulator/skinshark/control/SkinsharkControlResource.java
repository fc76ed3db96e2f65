package org.tradewatch.simulator.skinshark.control;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import org.tradewatch.simulator.skinshark.live.Accounts;
import org.tradewatch.simulator.skinshark.live.LiveMarket;
import org.tradewatch.simulator.skinshark.live.MarketRequestException;
import org.tradewatch.simulator.skinshark.live.SkinsharkService;

/**
 * Controls the live market under {@code /control/skinshark}. Parameters are query parameters; every
 * answer is JSON; unknown parameters are refused so that a typo never passes silently.
 */
@Path("skinshark")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SkinsharkControlResource {

  @Inject SkinsharkService service;

  @Context UriInfo uri;

  @GET
  @Path("stats")
  public String stats() {
    allowOnly();
    return market().statsJson();
  }

  /** The curated feed as the sub-user gets it now (their fee tier in force), whole by default. */
  @GET
  @Path("feed")
  public String feed() {
    allowOnly("subUser", "page", "limit");
    return market()
        .feedFor(text("subUser", "user_42"), (int) number("page", 1), (int) number("limit", -1))
        .json();
  }

  @POST
  @Path("config")
  public String config() {
    allowOnly("eventsPerSecond", "ticketTtlSeconds");
    if (has("eventsPerSecond")) {
      try {
        market().eventsPerSecond(Double.parseDouble(text("eventsPerSecond", "")));
      } catch (NumberFormatException e) {
        throw new MarketRequestException(400, "eventsPerSecond must be a number");
      }
    }
    if (has("ticketTtlSeconds")) {
      market().ticketTtlSeconds(number("ticketTtlSeconds", 0));
    }
    return market().statsJson();
  }

  @POST
  @Path("pause")
  public String pause() {
    allowOnly();
    market().pause();
    return market().statsJson();
  }

  @POST
  @Path("resume")
  public String resume() {
    allowOnly();
    market().resume();
    return market().statsJson();
  }

  /** Closes every socket (1012 by default, or 1001), then changes the market unseen. */
  @POST
  @Path("drop")
  public String drop() {
    allowOnly("code", "silentEvents");
    long code = number("code", 1012);
    if (code != 1012 && code != 1001) {
      throw new MarketRequestException(400, "code must be 1012 or 1001");
    }
    long silent = number("silentEvents", 0);
    if (silent < 0 || silent > 1_000_000) {
      throw new MarketRequestException(400, "silentEvents must be 0 to 1000000");
    }
    int closed =
        market().drop((int) code, code == 1012 ? "service restart" : "going away", (int) silent);
    return "{\"closedConnections\":" + closed + ",\"code\":" + code + "}";
  }

  /** Expires every ticket minted so far; their sockets close with 4001. */
  @POST
  @Path("expire-tickets")
  public String expireTickets() {
    allowOnly();
    return "{\"closedConnections\":" + market().expireTickets() + "}";
  }

  /** Moves a sub-user to another fee tier, from their next socket on. */
  @POST
  @Path("fee")
  public String fee() {
    allowOnly("subUser", "tier");
    if (!has("tier")) {
      throw new MarketRequestException(400, "tier is required");
    }
    market().feeTier(text("subUser", "user_42"), text("tier", ""));
    return market().statsJson();
  }

  /** Delivers {@code events} changes around the first page of the next snapshot load. */
  @POST
  @Path("burst")
  public String burst() {
    allowOnly("events");
    market().armBurst((int) number("events", 200));
    return market().statsJson();
  }

  /** Sets the scopes of tickets minted from now on, for every key or for {@code key}. */
  @POST
  @Path("scopes")
  public String scopes() {
    allowOnly("scopes", "key");
    if (!has("scopes")) {
      throw new MarketRequestException(400, "scopes is required, e.g. market,deposit,trade");
    }
    Set<String> scopes;
    try {
      scopes = Accounts.scopes(text("scopes", ""));
    } catch (IllegalArgumentException e) {
      throw new MarketRequestException(400, e.getMessage());
    }
    int keys = market().scopes(has("key") ? text("key", "") : null, scopes);
    return "{\"keys\":" + keys + ",\"scopes\":[" + quoted(scopes) + "]}";
  }

  /** Back to the configured set-up: market from its seed, keys, tiers, pace; sockets closed. */
  @POST
  @Path("reset")
  public String reset() {
    allowOnly();
    market().restart();
    return market().statsJson();
  }

  private static String quoted(Set<String> values) {
    return String.join(",", values.stream().sorted().map(v -> "\"" + v + "\"").toList());
  }

  private LiveMarket market() {
    return service.market();
  }

  private void allowOnly(String... names) {
    List<String> allowed = List.of(names);
    for (String name : uri.getQueryParameters().keySet()) {
      if (!allowed.contains(name)) {
        throw new MarketRequestException(
            400,
            name
                + " is not a parameter here"
                + (allowed.isEmpty() ? "" : "; known: " + String.join(", ", allowed)));
      }
    }
  }

  private boolean has(String name) {
    return uri.getQueryParameters().containsKey(name);
  }

  private String text(String name, String fallback) {
    List<String> values = uri.getQueryParameters().get(name);
    if (values == null) {
      return fallback;
    }
    if (values.size() > 1) {
      throw new MarketRequestException(400, name + " is given more than once");
    }
    return values.get(0).trim();
  }

  private long number(String name, long fallback) {
    if (!has(name)) {
      return fallback;
    }
    try {
      return Long.parseLong(text(name, ""));
    } catch (NumberFormatException e) {
      throw new MarketRequestException(400, name + " must be an integer");
    }
  }
}
