package org.tradewatch.web.watch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tradewatch.core.watch.Alert;
import org.tradewatch.core.watch.AlertPage;
import org.tradewatch.core.watch.AlertStore;
import org.tradewatch.core.watch.Ids;
import org.tradewatch.web.api.ApiException;

/**
 * The logged-in user's alerts, newest first, kept 30 days: read, marked read or unread, deleted.
 * Another account's alert is answered 404, as one that does not exist. Writes need the page's CSRF
 * token in {@code X-CSRF-Token}.
 */
@Path("alerts")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "alerts", description = "the logged-in user's alerts from their watches")
public class AlertsResource {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  static final int MAX_SKIP = 100_000;
  static final int MAX_IDS = 1_000;

  private static final String NOT_FOUND = "no such alert";

  @Inject AlertStore alerts;

  @GET
  @Operation(
      summary = "The user's alerts",
      description =
          "Newest first; total counts the alerts asked (all or unread), unread all unread.")
  @APIResponse(responseCode = "200", description = "{alerts, total, unread, skip, limit}")
  @APIResponse(responseCode = "400", description = "{message} naming the bad parameter")
  @APIResponse(responseCode = "401", description = "{message}: nobody is logged in")
  public Response list(
      @Context HttpServletRequest request,
      @Parameter(description = "true for the unread ones only") @QueryParam("unread") String unread,
      @Parameter(description = "alerts to skip, 0 to 100000") @QueryParam("skip") String skip,
      @Parameter(description = "1 to 200, default 50") @QueryParam("limit") String limit) {
    String owner = Caller.account(request);
    boolean unreadOnly = bool("unread", unread);
    int from = integer("skip", skip, 0, MAX_SKIP, 0);
    int most = integer("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
    AlertPage page = alerts.list(owner, unreadOnly, from, most);
    return ok(WatchJson.alerts(page, from, most));
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One of the user's alerts")
  @APIResponse(responseCode = "200", description = "the alert")
  @APIResponse(responseCode = "404", description = "{message}: the user has no such alert")
  public Response find(@Context HttpServletRequest request, @PathParam("id") String id) {
    String owner = Caller.account(request);
    return ok(WatchJson.alert(owned(owner, id)).build());
  }

  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Mark an alert read or unread", description = "Body: {\"read\": true}.")
  @APIResponse(responseCode = "200", description = "the alert as it is now")
  @APIResponse(responseCode = "400", description = "{message} naming the bad field")
  @APIResponse(responseCode = "404", description = "{message}: the user has no such alert")
  public Response mark(
      @Context HttpServletRequest request, @PathParam("id") String id, InputStream body) {
    String owner = Caller.account(request);
    boolean read = readField(Caller.json(body), List.of("read"));
    Alert alert = owned(owner, id);
    alerts.markRead(owner, List.of(id), read);
    return ok(WatchJson.alert(alert.withRead(read)).build());
  }

  @PATCH
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Mark alerts read",
      description =
          "Body: {\"read\": true} marks every alert read; {\"read\": true|false, \"ids\": [...]}"
              + " marks those (up to 1000).")
  @APIResponse(responseCode = "200", description = "{modified}")
  @APIResponse(responseCode = "400", description = "{message} naming the bad field")
  public Response markMany(@Context HttpServletRequest request, InputStream body) {
    String owner = Caller.account(request);
    JsonValue json = Caller.json(body);
    boolean read = readField(json, List.of("read", "ids"));
    JsonValue ids = json.asJsonObject().get("ids");
    if (ids == null || ids.getValueType() == JsonValue.ValueType.NULL) {
      if (!read) {
        throw ApiException.badRequest(
            "read: every alert at once can only be marked read; give ids to mark some unread");
      }
      return ok(WatchJson.modified(alerts.markAllRead(owner)));
    }
    return ok(WatchJson.modified(alerts.markRead(owner, ids(ids), read)));
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Delete an alert")
  @APIResponse(responseCode = "204", description = "deleted")
  @APIResponse(responseCode = "404", description = "{message}: the user has no such alert")
  public Response delete(@Context HttpServletRequest request, @PathParam("id") String id) {
    String owner = Caller.account(request);
    if (!Ids.valid(id) || alerts.delete(owner, List.of(id)) == 0) {
      throw ApiException.notFound(NOT_FOUND);
    }
    return Response.noContent().header("Cache-Control", "private, no-store").build();
  }

  @DELETE
  @Operation(
      summary = "Delete alerts",
      description = "ids=a,b,... deletes those (up to 1000); all=true deletes every one.")
  @APIResponse(responseCode = "200", description = "{modified}")
  @APIResponse(responseCode = "400", description = "{message}: neither ids nor all=true")
  public Response deleteMany(
      @Context HttpServletRequest request,
      @Parameter(description = "comma-delimited alert ids") @QueryParam("ids") List<String> ids,
      @Parameter(description = "true to delete every alert") @QueryParam("all") String all) {
    String owner = Caller.account(request);
    boolean everything = bool("all", all);
    List<String> given = new ArrayList<>();
    if (ids != null) {
      for (String part : ids) {
        for (String id : part.split(",", -1)) {
          if (!id.isBlank()) {
            given.add(id.trim());
          }
        }
      }
    }
    if (everything == !given.isEmpty()) {
      throw ApiException.badRequest(
          "ids: give ids=... (the alerts to delete) or all=true (every one), one of them");
    }
    if (everything) {
      return ok(WatchJson.modified(alerts.deleteAll(owner)));
    }
    return ok(WatchJson.modified(alerts.delete(owner, checked(given))));
  }

  private Alert owned(String owner, String id) {
    if (!Ids.valid(id)) {
      throw ApiException.notFound(NOT_FOUND);
    }
    return alerts.find(owner, id).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
  }

  /** The {@code read} field of a body that may hold only {@code allowed} fields. */
  private static boolean readField(JsonValue json, List<String> allowed) {
    if (json.getValueType() != JsonValue.ValueType.OBJECT) {
      throw ApiException.badRequest("body: expected a JSON object such as {\"read\": true}");
    }
    JsonObject object = json.asJsonObject();
    for (String field : object.keySet()) {
      if (!allowed.contains(field)) {
        throw ApiException.badRequest(
            (field.length() > 40 ? field.substring(0, 40) + "..." : field)
                + ": unknown field; expected "
                + String.join(" and ", allowed));
      }
    }
    JsonValue read = object.get("read");
    if (read == null) {
      throw ApiException.badRequest("read: required, true or false");
    }
    if (read.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    if (read.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    throw ApiException.badRequest("read: expected true or false");
  }

  private static List<String> ids(JsonValue value) {
    if (!(value instanceof JsonArray array)) {
      throw ApiException.badRequest("ids: expected an array of alert ids");
    }
    List<String> ids = new ArrayList<>(array.size());
    for (JsonValue id : array) {
      if (!(id instanceof JsonString text)) {
        throw ApiException.badRequest("ids: expected an array of alert ids (strings)");
      }
      ids.add(text.getString());
    }
    return checked(ids);
  }

  private static List<String> checked(List<String> ids) {
    if (ids.isEmpty() || ids.size() > MAX_IDS) {
      throw ApiException.badRequest("ids: 1 to " + MAX_IDS + " alert ids");
    }
    for (String id : ids) {
      if (!Ids.valid(id)) {
        String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
        throw ApiException.badRequest(
            "ids: '" + shown + "' is no alert id (" + Ids.LENGTH + " lower-case hex digits)");
      }
    }
    return ids;
  }

  private static boolean bool(String name, String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiException.badRequest(name + ": expected true or false");
    };
  }

  private static int integer(String name, String value, int min, int max, int absent) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": not a whole number");
    }
    if (parsed < min || parsed > max) {
      throw ApiException.badRequest(name + ": " + min + " to " + max + ", was " + parsed);
    }
    return parsed;
  }

  private static Response ok(JsonObject json) {
    return Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "private, no-store")
        .build();
  }
}
