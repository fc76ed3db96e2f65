package org.tradewatch.web.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tradewatch.core.notification.InvalidParameterException;
import org.tradewatch.core.notification.NotificationFolder;
import org.tradewatch.core.notification.NotificationParameters;
import org.tradewatch.core.notification.NotificationQuery;
import org.tradewatch.core.notification.NotificationService;
import org.tradewatch.core.notification.SearchAnswer;
import org.tradewatch.web.api.ApiException;

/**
 * backpack.tf's notifications API at its own paths, parameters and JSON, with strict validation, at
 * most one polling search per token per window, pages the copy lacks loaded at once within a budget
 * of their own, and a stored copy that answers while upstream is down. The service answers values;
 * this writes them as upstream's JSON.
 *
 * <p>Application-scoped: it keeps no state of its own, and creating and injecting a resource per
 * request is a measurable share of a poll answered from the copy.
 */
@Path("notifications")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "notifications", description = "backpack.tf notifications, proxied")
public class NotificationsResource {

  static final String SOURCE = "X-Tradewatch-Source";
  static final String STALE = "X-Tradewatch-Stale";
  static final String SYNCED_AT = "X-Tradewatch-Synced-At";
  static final String COMPLETE = "X-Tradewatch-Complete";

  private static final String TOKEN = "your backpack.tf access token";

  @Inject NotificationService notifications;

  @Inject TokenSource tokens;

  @Inject ProxyCounts counts;

  @GET
  @Path("search/v1")
  @Operation(
      summary = "Search notifications (backpack.tf's Notification Search)",
      description =
          "Same parameters and JSON as backpack.tf. Polling: at most one upstream search per"
              + " token per window (30 s); within it, and while upstream is down, the stored copy"
              + " answers. A page the copy does not hold (another folder, an older page) is"
              + " fetched from upstream at once, at most one such page per token per second;"
              + " sooner is 429 with Retry-After. Names are not escaped: escape them yourself.")
  @APIResponse(
      responseCode = "200",
      description = "{folder_count, page_size, skip, notifications}",
      headers = {
        @Header(name = "Age", description = "seconds since upstream last answered for this copy"),
        @Header(name = SOURCE, description = "upstream, refreshed or store"),
        @Header(name = STALE, description = "true when upstream could not be asked"),
        @Header(name = SYNCED_AT, description = "Unix time upstream last answered"),
        @Header(name = COMPLETE, description = "false when the copy may lack older notifications")
      })
  @APIResponse(responseCode = "400", description = "{message} naming the bad parameter")
  @APIResponse(responseCode = "401", description = "no token, or backpack.tf refused it")
  @APIResponse(
      responseCode = "429",
      description = "a page not stored yet, and a budget forbids asking now; see Retry-After")
  @APIResponse(responseCode = "502", description = "backpack.tf failed")
  @APIResponse(responseCode = "503", description = "circuit open: backpack.tf is failing")
  @APIResponse(responseCode = "504", description = "backpack.tf did not answer in time")
  public Response search(
      @Parameter(description = TOKEN) @QueryParam("token") String token,
      @Parameter(description = "0 (inbox, default) or 1 (archive)") @QueryParam("folder")
          String folder,
      @Parameter(
              description = "0 All, 1 Responses, 2 Trust, 3 Suggestions, 4 Subscriptions, 6 Issues")
          @QueryParam("filter")
          String filter,
      @Parameter(description = "only notifications sent at or after this Unix time")
          @QueryParam("since")
          String since,
      @Parameter(description = "notifications to skip (pages of 60)") @QueryParam("skip")
          String skip) {
    String user = token(token);
    NotificationQuery query =
        valid(() -> NotificationParameters.query(folder, filter, since, skip));
    SearchAnswer answer = notifications.search(user, query);
    counts.answered(answer.source());
    long ageSeconds = Math.max(0, (System.currentTimeMillis() - answer.syncedAtMillis()) / 1000);
    Response.ResponseBuilder response =
        Response.ok(answer.encoded(NotificationJson::page), MediaType.APPLICATION_JSON_TYPE)
            .header("Cache-Control", "private, no-store")
            .header("Age", ageSeconds)
            .header(SOURCE, ProxyCounts.id(answer.source()))
            .header(STALE, answer.stale())
            .header(SYNCED_AT, answer.syncedAtMillis() / 1000)
            .header(COMPLETE, answer.complete());
    if (answer.stale()) {
      response.header("Warning", "110 - \"Response is Stale\"");
    }
    return response.build();
  }

  @DELETE
  @Path("folder/v1")
  @Operation(
      summary = "Empty a folder (backpack.tf's Empty Folder)",
      description = "Goes upstream at once; the stored copy follows.")
  @APIResponse(responseCode = "200", description = "{modified}")
  @APIResponse(responseCode = "400", description = "{message}: folder missing or not 0/1")
  @APIResponse(responseCode = "401", description = "no token, or backpack.tf refused it")
  @APIResponse(responseCode = "502", description = "backpack.tf failed; also 429, 503, 504")
  public Response emptyFolder(
      @Parameter(description = TOKEN) @QueryParam("token") String token,
      @Parameter(description = "0 (inbox) or 1 (archive); required") @QueryParam("folder")
          String folder) {
    String user = token(token);
    NotificationFolder valid = valid(() -> NotificationParameters.requiredFolder(folder));
    return json(NotificationJson.modified(notifications.emptyFolder(user, valid)));
  }

  @PATCH
  @Path("folder/v1")
  @Operation(
      summary = "Mark a folder read (backpack.tf's Mark Folder Read)",
      description = "Goes upstream at once; the stored copy follows, so the next search agrees.")
  @APIResponse(responseCode = "200", description = "{modified}")
  @APIResponse(responseCode = "400", description = "{message}: folder missing or not 0/1")
  @APIResponse(responseCode = "401", description = "no token, or backpack.tf refused it")
  @APIResponse(responseCode = "502", description = "backpack.tf failed; also 429, 503, 504")
  public Response markFolderRead(
      @Parameter(description = TOKEN) @QueryParam("token") String token,
      @Parameter(description = "0 (inbox) or 1 (archive); required") @QueryParam("folder")
          String folder) {
    String user = token(token);
    NotificationFolder valid = valid(() -> NotificationParameters.requiredFolder(folder));
    return json(NotificationJson.modified(notifications.markFolderRead(user, valid)));
  }

  @DELETE
  @Path("notification/v1")
  @Operation(
      summary = "Delete notifications (backpack.tf's Delete Notifications)",
      description =
          "Comma-delimited ids (repeats allowed), up to "
              + NotificationParameters.MAX_IDS
              + ", in the query or in a body: a form (ids=...) or JSON ({\"ids\": [...]}),"
              + " which take ids and token as the query does. Sent upstream in calls of at most"
              + " 200, whose modified counts are summed.")
  @APIResponse(responseCode = "200", description = "{modified}")
  @APIResponse(responseCode = "400", description = "{message}: ids missing or malformed")
  @APIResponse(responseCode = "401", description = "no token, or backpack.tf refused it")
  @APIResponse(responseCode = "413", description = "{message}: a body over 512 KiB")
  @APIResponse(responseCode = "415", description = "{message}: a body neither form nor JSON")
  @APIResponse(responseCode = "502", description = "backpack.tf failed; also 429, 503, 504")
  public Response delete(
      @Parameter(description = TOKEN) @QueryParam("token") String token,
      @Parameter(description = "comma-delimited notification ids (24 hex digits each)")
          @QueryParam("ids")
          List<String> ids,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body) {
    DeleteBody given = DeleteBody.read(contentType, body);
    String user = token(token == null || token.isBlank() ? given.token() : token);
    List<String> all = new ArrayList<>(ids == null ? List.of() : ids);
    all.addAll(given.ids());
    List<String> valid = valid(() -> NotificationParameters.ids(all));
    return json(NotificationJson.modified(notifications.delete(user, valid)));
  }

  /**
   * The request's token: the parameter, or the logged-in user's. One that cannot be a token is
   * refused here, naming the parameter, rather than sent upstream to be refused there.
   */
  private String token(String parameter) {
    String token =
        tokens
            .token(parameter)
            .orElseThrow(
                () ->
                    new ApiException(401, "token is required: " + TOKEN + ", as for backpack.tf"));
    return valid(() -> NotificationParameters.token(token));
  }

  private static <T> T valid(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (InvalidParameterException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static Response json(String body) {
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "private, no-store")
        .build();
  }
}
