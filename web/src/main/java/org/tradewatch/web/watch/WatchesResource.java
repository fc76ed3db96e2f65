package org.tradewatch.web.watch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tradewatch.core.watch.AlertStore;
import org.tradewatch.core.watch.InvalidWatchException;
import org.tradewatch.core.watch.Watch;
import org.tradewatch.core.watch.WatchLimitException;
import org.tradewatch.web.api.ApiException;

/**
 * The logged-in user's watches. Every call acts for the logged-in user alone: another account's
 * watch is answered 404, as one that does not exist. Writes need the page's CSRF token in {@code
 * X-CSRF-Token} ({@link org.tradewatch.web.page.CsrfFilter}).
 */
@Path("watches")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "watches", description = "the logged-in user's watches; alerts come of them")
public class WatchesResource {

  private static final String NOT_FOUND = "no such watch";

  @Inject Watching watching;
  @Inject AlertStore alerts;

  @GET
  @Operation(
      summary = "The user's watches",
      description = "Oldest first, each with matches24h: the alerts it raised in the last 24 h.")
  @APIResponse(responseCode = "200", description = "{watches, count, limit}")
  @APIResponse(responseCode = "401", description = "{message}: nobody is logged in")
  public Response list(@Context HttpServletRequest request) {
    String owner = Caller.account(request);
    List<Watch> watches = watching.service().list(owner);
    return ok(WatchJson.watches(watches, matches24h(owner), Watch.MAX_PER_ACCOUNT));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a watch",
      description =
          "Fields: itemKey or name (exactly one), source, intent, quality, atMost or atLeast (a"
              + " number in the source's unit: ref for bptf, USD for skinshark; needs source),"
              + " dealsOnly, paused. At most "
              + Watch.MAX_PER_ACCOUNT
              + " watches per account.")
  @APIResponse(responseCode = "201", description = "the watch; Location is its address")
  @APIResponse(responseCode = "400", description = "{message} naming every bad field")
  @APIResponse(responseCode = "401", description = "{message}: nobody is logged in")
  @APIResponse(responseCode = "403", description = "{message}: no X-CSRF-Token")
  @APIResponse(responseCode = "409", description = "{message}: the account has 100 watches")
  public Response create(
      @Context HttpServletRequest request, @Context UriInfo uri, InputStream body) {
    String owner = Caller.account(request);
    Watch watch;
    try {
      watch = watching.service().create(owner, Caller.json(body));
    } catch (InvalidWatchException e) {
      throw ApiException.badRequest(e.getMessage());
    } catch (WatchLimitException e) {
      throw new ApiException(Response.Status.CONFLICT, e.getMessage());
    }
    return Response.created(uri.getAbsolutePathBuilder().path(watch.id()).build())
        .entity(WatchJson.watch(watch, 0).build().toString())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "private, no-store")
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One of the user's watches")
  @APIResponse(responseCode = "200", description = "the watch")
  @APIResponse(responseCode = "404", description = "{message}: the user has no such watch")
  public Response find(@Context HttpServletRequest request, @PathParam("id") String id) {
    String owner = Caller.account(request);
    return one(owner, watching.service().find(owner, id));
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Replace a watch",
      description = "The whole watch, as for a new one; what it leaves out is not asked.")
  @APIResponse(responseCode = "200", description = "the watch as it is now")
  @APIResponse(responseCode = "400", description = "{message} naming every bad field")
  @APIResponse(responseCode = "404", description = "{message}: the user has no such watch")
  public Response replace(
      @Context HttpServletRequest request, @PathParam("id") String id, InputStream body) {
    String owner = Caller.account(request);
    try {
      return one(owner, watching.service().replace(owner, id, Caller.json(body)));
    } catch (InvalidWatchException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change some fields of a watch",
      description =
          "Only the fields given change ({\"paused\": true} pauses it); null clears a field."
              + " itemKey replaces name and the reverse; atMost replaces atLeast and the reverse.")
  @APIResponse(responseCode = "200", description = "the watch as it is now")
  @APIResponse(responseCode = "400", description = "{message} naming every bad field")
  @APIResponse(responseCode = "404", description = "{message}: the user has no such watch")
  public Response patch(
      @Context HttpServletRequest request, @PathParam("id") String id, InputStream body) {
    String owner = Caller.account(request);
    try {
      return one(owner, watching.service().patch(owner, id, Caller.json(body)));
    } catch (InvalidWatchException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary = "Delete a watch",
      description = "Its alerts stay until deleted or 30 days old.")
  @APIResponse(responseCode = "204", description = "deleted")
  @APIResponse(responseCode = "404", description = "{message}: the user has no such watch")
  public Response delete(@Context HttpServletRequest request, @PathParam("id") String id) {
    String owner = Caller.account(request);
    if (!watching.service().delete(owner, id)) {
      throw ApiException.notFound(NOT_FOUND);
    }
    return Response.noContent().header("Cache-Control", "private, no-store").build();
  }

  private Response one(String owner, Optional<Watch> watch) {
    if (watch.isEmpty()) {
      throw ApiException.notFound(NOT_FOUND);
    }
    long matches = matches24h(owner).getOrDefault(watch.get().id(), 0L);
    return ok(WatchJson.watch(watch.get(), matches).build());
  }

  private Map<String, Long> matches24h(String owner) {
    return alerts.countsByWatch(owner, Instant.now().minus(Duration.ofHours(24)));
  }

  private static Response ok(JsonObject json) {
    return Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "private, no-store")
        .build();
  }
}
