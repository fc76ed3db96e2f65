package org.tradewatch.simulator.notifications;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * backpack.tf's notifications API at its own paths. As upstream, the filters are lenient: a value
 * that does not parse or is not in the enum is ignored, never refused. Parameters are read from the
 * query and, for the mutations, also from a form body.
 */
@Path("api/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {

  @Inject NotificationsService service;

  @Context UriInfo uri;

  @Context HttpHeaders headers;

  @GET
  @Path("search/v1")
  public void search(@Suspended AsyncResponse async) {
    MultivaluedMap<String, String> in = uri.getQueryParameters();
    String token = in.getFirst("token");
    service.serve(
        "search",
        token,
        async,
        () -> {
          Response refused = authenticate(token);
          if (refused != null) {
            return refused;
          }
          int folder = lenientInt(in.getFirst("folder"), 0) == 1 ? 1 : 0;
          int filter = lenientInt(in.getFirst("filter"), 0);
          long since = lenientLong(in.getFirst("since"), -1);
          int skip = Math.max(0, lenientInt(in.getFirst("skip"), 0));
          return NotificationsService.json(
              inboxes().search(token, folder, filter, since < 0 ? null : since, skip));
        });
  }

  @DELETE
  @Path("folder/v1")
  public void emptyFolder(String body, @Suspended AsyncResponse async) {
    MultivaluedMap<String, String> in = parameters(body);
    String token = in.getFirst("token");
    service.serve(
        "folder-delete",
        token,
        async,
        () -> {
          Response refused = authenticate(token);
          if (refused != null) {
            return refused;
          }
          if (in.getFirst("folder") == null) {
            return NotificationsService.error(400, "Missing required parameter: folder");
          }
          return modified(inboxes().emptyFolder(token, folderOf(in)));
        });
  }

  @PATCH
  @Path("folder/v1")
  public void markFolderRead(String body, @Suspended AsyncResponse async) {
    MultivaluedMap<String, String> in = parameters(body);
    String token = in.getFirst("token");
    service.serve(
        "folder-patch",
        token,
        async,
        () -> {
          Response refused = authenticate(token);
          if (refused != null) {
            return refused;
          }
          if (in.getFirst("folder") == null) {
            return NotificationsService.error(400, "Missing required parameter: folder");
          }
          return modified(inboxes().markFolderRead(token, folderOf(in)));
        });
  }

  @DELETE
  @Path("notification/v1")
  public void delete(String body, @Suspended AsyncResponse async) {
    MultivaluedMap<String, String> in = parameters(body);
    String token = in.getFirst("token");
    service.serve(
        "notification-delete",
        token,
        async,
        () -> {
          Response refused = authenticate(token);
          if (refused != null) {
            return refused;
          }
          String text = in.getFirst("ids");
          List<String> ids =
              text == null
                  ? List.of()
                  : Arrays.stream(text.split(","))
                      .map(String::trim)
                      .filter(s -> !s.isEmpty())
                      .toList();
          if (ids.isEmpty()) {
            return NotificationsService.error(400, "Missing required parameter: ids");
          }
          if (ids.size() > Inboxes.MAX_DELETE_IDS) {
            return NotificationsService.error(
                400, "Too many ids; the limit is " + Inboxes.MAX_DELETE_IDS + " per request");
          }
          return modified(inboxes().delete(token, ids));
        });
  }

  private Inboxes inboxes() {
    return service.inboxes();
  }

  private Response authenticate(String token) {
    if (token == null || token.isBlank()) {
      return NotificationsService.error(401, "This API requires an access token.");
    }
    if (!inboxes().knows(token)) {
      return NotificationsService.error(401, "Invalid or expired access token.");
    }
    return null;
  }

  private static int folderOf(MultivaluedMap<String, String> in) {
    return lenientInt(in.getFirst("folder"), 0) == 1 ? 1 : 0;
  }

  private static Response modified(int modified) {
    return NotificationsService.json("{\"modified\":" + modified + "}");
  }

  /** Query parameters, then those of a form body, which the query's take precedence over. */
  private MultivaluedMap<String, String> parameters(String body) {
    MultivaluedMap<String, String> all = new MultivaluedHashMap<>();
    MediaType type = headers.getMediaType();
    if (body != null
        && !body.isEmpty()
        && type != null
        && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        all.add(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    uri.getQueryParameters().forEach((name, values) -> all.put(name, values));
    return all;
  }

  /** Upstream ignores values it cannot read: they fall back to the default. */
  static int lenientInt(String text, int fallback) {
    long value = lenientLong(text, fallback);
    return value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? fallback : (int) value;
  }

  static long lenientLong(String text, long fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
