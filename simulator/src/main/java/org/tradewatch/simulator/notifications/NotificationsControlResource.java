package org.tradewatch.simulator.notifications;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tradewatch.simulator.control.ControlException;

/**
 * Controls the notifications API under {@code /control/notifications}: adds notifications, sets
 * faults, and reports what each token asked. Unknown parameters are refused so that a typo never
 * passes silently.
 */
@Path("notifications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsControlResource {

  @Inject NotificationsService service;

  @Context UriInfo uri;

  /** Requests received per token and endpoint, the inboxes' sizes and the faults in force. */
  @GET
  @Path("stats")
  public String stats() {
    allowOnly(Set.of());
    JsonObjectBuilder requests = Json.createObjectBuilder();
    long total = 0;
    for (Map.Entry<String, Map<String, Long>> token : service.requests().entrySet()) {
      JsonObjectBuilder byEndpoint = Json.createObjectBuilder();
      for (Map.Entry<String, Long> endpoint : token.getValue().entrySet()) {
        byEndpoint.add(endpoint.getKey(), endpoint.getValue());
        total += endpoint.getValue();
      }
      requests.add(token.getKey(), byEndpoint);
    }
    JsonObjectBuilder inboxes = Json.createObjectBuilder();
    service
        .inboxes()
        .sizes()
        .forEach(
            (token, sizes) ->
                inboxes.add(
                    token,
                    Json.createObjectBuilder().add("inbox", sizes[0]).add("archive", sizes[1])));
    return Json.createObjectBuilder()
        .add("requests", requests)
        .add("totalRequests", total)
        .add("inboxes", inboxes)
        .add("faults", faultsJson())
        .build()
        .toString();
  }

  /**
   * Adds {@code count} (default 1, at most 10,000) notifications to {@code token}, creating it when
   * new: of {@code type} (default: random), in {@code folder} (default 0), {@code unread} (default
   * true), sent at {@code sent} (default now), from a user named {@code name} (default: random;
   * needs a {@code type} that comes from a user), about the listing {@code listing} (default: one
   * of their own; needs {@code type=11}, and a sell listing's id such as {@code 440_5606033582} or
   * a buy order's, {@code 440_<steamid64>_<md5 hex>}). Answers with their ids.
   */
  @POST
  @Path("add")
  public String add() {
    allowOnly(Set.of("token", "count", "type", "folder", "unread", "sent", "name", "listing"));
    String token = required("token");
    long count = longParameter("count", 1);
    if (count < 1 || count > 10_000) {
      throw new ControlException(400, "count must be 1 to 10000, got " + count);
    }
    Integer type = null;
    if (present("type")) {
      long t = longParameter("type", 0);
      if (!NotificationKinds.TYPES.contains((int) t) || t != (int) t) {
        throw new ControlException(
            400, "type must be one of " + NotificationKinds.TYPES + ", got " + t);
      }
      type = (int) t;
    }
    long folder = longParameter("folder", 0);
    if (folder != 0 && folder != 1) {
      throw new ControlException(400, "folder must be 0 or 1, got " + folder);
    }
    String unread = present("unread") ? single("unread") : "true";
    if (!unread.equals("true") && !unread.equals("false")) {
      throw new ControlException(400, "unread must be true or false, got '" + unread + "'");
    }
    long sent = longParameter("sent", NotificationsService.now());
    String name = present("name") ? single("name") : null;
    if (name != null && (type == null || !NotificationKinds.fromUser(type))) {
      throw new ControlException(400, "name needs a type that comes from a user, such as 11");
    }
    String listing = present("listing") ? single("listing") : null;
    if (listing != null && (type == null || type != 11)) {
      throw new ControlException(400, "listing needs type=11 (a watched listing)");
    }
    List<String> ids;
    try {
      ids =
          service
              .inboxes()
              .add(
                  token,
                  (int) count,
                  type,
                  (int) folder,
                  Boolean.parseBoolean(unread),
                  sent,
                  name,
                  listing);
    } catch (IllegalArgumentException e) {
      throw new ControlException(400, "listing: " + e.getMessage());
    }
    JsonArrayBuilder idsJson = Json.createArrayBuilder();
    ids.forEach(idsJson::add);
    return Json.createObjectBuilder().add("token", token).add("ids", idsJson).build().toString();
  }

  /**
   * Sets a fault for {@code token}, or for every token without one of its own: {@code mode=slow}
   * with {@code delayMillis}, {@code mode=error} with {@code status} (default 500), {@code
   * mode=throttle} with {@code retryAfter} seconds (default 30), or {@code mode=none} to clear.
   * {@code times} (default -1, until cleared) limits how many requests it affects.
   */
  @POST
  @Path("fault")
  public String fault() {
    allowOnly(Set.of("mode", "token", "delayMillis", "status", "retryAfter", "times"));
    String mode = required("mode");
    String token = present("token") ? single("token") : null;
    if (mode.equals("none")) {
      service.fault(token, null);
    } else {
      try {
        service.fault(
            token,
            new Fault(
                mode,
                longParameter("delayMillis", 0),
                (int) longParameter("status", 500),
                longParameter("retryAfter", 30),
                longParameter("times", -1)));
      } catch (IllegalArgumentException e) {
        throw new ControlException(400, e.getMessage());
      }
    }
    return Json.createObjectBuilder().add("faults", faultsJson()).build().toString();
  }

  /** Seeds the inboxes again, clears every fault and zeroes the counters. */
  @POST
  @Path("reset")
  public String reset() {
    allowOnly(Set.of());
    service.reset();
    return stats();
  }

  private JsonObjectBuilder faultsJson() {
    JsonObjectBuilder faults = Json.createObjectBuilder();
    service
        .faults()
        .forEach(
            (token, fault) ->
                faults.add(
                    token,
                    Json.createObjectBuilder()
                        .add("mode", fault.mode())
                        .add("delayMillis", fault.delayMillis())
                        .add("status", fault.status())
                        .add("retryAfter", fault.retryAfterSeconds())
                        .add("times", fault.remaining())));
    return faults;
  }

  private void allowOnly(Set<String> allowed) {
    for (String name : uri.getQueryParameters().keySet()) {
      if (!allowed.contains(name)) {
        throw new ControlException(
            400,
            name
                + " is not a parameter here"
                + (allowed.isEmpty()
                    ? ""
                    : "; known: " + String.join(", ", allowed.stream().sorted().toList())));
      }
    }
  }

  private boolean present(String name) {
    return uri.getQueryParameters().containsKey(name);
  }

  private String required(String name) {
    if (!present(name) || single(name).isEmpty()) {
      throw new ControlException(400, name + " is required");
    }
    return single(name);
  }

  private String single(String name) {
    MultivaluedMap<String, String> parameters = uri.getQueryParameters();
    if (parameters.get(name).size() > 1) {
      throw new ControlException(400, name + " is given more than once");
    }
    return parameters.getFirst(name).trim();
  }

  private long longParameter(String name, long fallback) {
    if (!present(name)) {
      return fallback;
    }
    String text = single(name);
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ControlException(400, name + " must be a whole number, got '" + text + "'");
    }
  }
}
