package org.tradewatch.web.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tradewatch.core.webhook.InvalidWebhookException;
import org.tradewatch.web.api.ApiException;
import org.tradewatch.web.watch.Caller;

/**
 * The logged-in user's webhook. Every call acts for the logged-in user alone; writes need the
 * page's CSRF token in {@code X-CSRF-Token}, as for watches. The secret is in the answer of the
 * call that made it only.
 */
@Path("webhook")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "webhook", description = "the logged-in user's webhook for alerts, and its log")
public class WebhookResource {

  private static final String NONE = "no webhook: PUT one first";

  @Inject Webhooks webhooks;

  @GET
  @Operation(summary = "The user's webhook", description = "Its secret's last 4 characters only.")
  @APIResponse(responseCode = "200", description = "{url, secretHint, secretCreatedAt, pending}")
  @APIResponse(responseCode = "404", description = "{message}: the user has no webhook")
  public Response find(@Context HttpServletRequest request) {
    String owner = Caller.account(request);
    return ok(
        WebhookJson.webhook(webhooks.find(owner).orElseThrow(() -> ApiException.notFound(NONE)))
            .build());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Set the webhook's address",
      description =
          "{\"url\": ...}: https://, or http:// on 127.0.0.1, ::1 or localhost. The first time,"
              + " a secret is made and returned as secret, once; later the secret stays.")
  @APIResponse(responseCode = "201", description = "made: the webhook and its secret")
  @APIResponse(responseCode = "200", description = "moved: the webhook, without its secret")
  @APIResponse(responseCode = "400", description = "{message} naming the field")
  public Response save(@Context HttpServletRequest request, InputStream body) {
    String owner = Caller.account(request);
    JsonValue json = Caller.json(body);
    if (!(json instanceof JsonObject object)) {
      throw ApiException.badRequest("body: expected a JSON object");
    }
    for (String field : object.keySet()) {
      if (!Set.of("url").contains(field)) {
        throw ApiException.badRequest(field + ": unknown field; a webhook has a url");
      }
    }
    if (!(object.get("url") instanceof JsonString url)) {
      throw ApiException.badRequest("url: expected the address as a string");
    }
    Webhooks.Saved saved;
    try {
      saved = webhooks.save(owner, url.getString());
    } catch (InvalidWebhookException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return withSecret(owner, saved, saved.secret().isPresent() ? 201 : 200);
  }

  @POST
  @Path("secret")
  @Operation(
      summary = "Make a new secret",
      description = "Returned once, as secret; the old one signs nothing more.")
  @APIResponse(responseCode = "200", description = "the webhook and its new secret")
  @APIResponse(responseCode = "404", description = "{message}: the user has no webhook")
  public Response rotate(@Context HttpServletRequest request) {
    String owner = Caller.account(request);
    Webhooks.Saved saved = webhooks.rotate(owner).orElseThrow(() -> ApiException.notFound(NONE));
    return withSecret(owner, saved, 200);
  }

  @DELETE
  @Operation(summary = "Remove the webhook", description = "What is pending for it is dropped.")
  @APIResponse(responseCode = "204", description = "removed")
  @APIResponse(responseCode = "404", description = "{message}: the user has no webhook")
  public Response remove(@Context HttpServletRequest request) {
    String owner = Caller.account(request);
    if (!webhooks.remove(owner)) {
      throw ApiException.notFound(NONE);
    }
    return Response.noContent().header("Cache-Control", "private, no-store").build();
  }

  @POST
  @Path("test")
  @Operation(
      summary = "Send a test",
      description = "A body with event test, signed and retried as alerts are; see the log.")
  @APIResponse(responseCode = "202", description = "{deliveryId}: queued")
  @APIResponse(responseCode = "404", description = "{message}: the user has no webhook")
  public Response test(@Context HttpServletRequest request) {
    String owner = Caller.account(request);
    String id = webhooks.test(owner).orElseThrow(() -> ApiException.notFound(NONE));
    return Response.accepted("{\"deliveryId\":\"" + id + "\"}")
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "private, no-store")
        .build();
  }

  @GET
  @Path("deliveries")
  @Operation(
      summary = "The delivery log",
      description =
          "The last attempts, newest first: at, deliveryId, event, alertId, attempt, statusCode"
              + " or error, outcome (delivered, retry, failed, dropped), nextRetryAt. Kept 30"
              + " days.")
  @APIResponse(responseCode = "200", description = "{attempts, count}")
  @APIResponse(responseCode = "400", description = "{message}: limit out of 1..200")
  public Response log(
      @Context HttpServletRequest request, @QueryParam("limit") @DefaultValue("50") String limit) {
    String owner = Caller.account(request);
    int count;
    try {
      count = Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      count = 0;
    }
    if (count < 1 || count > Webhooks.MAX_LOG) {
      throw ApiException.badRequest("limit: a whole number from 1 to " + Webhooks.MAX_LOG);
    }
    return ok(WebhookJson.log(webhooks.log(owner, count)));
  }

  private Response withSecret(String owner, Webhooks.Saved saved, int status) {
    var json = WebhookJson.webhook(new Webhooks.View(saved.webhook(), 0));
    saved.secret().ifPresent(secret -> json.add("secret", secret));
    return Response.status(status)
        .entity(json.build().toString())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "private, no-store")
        .build();
  }

  private static Response ok(JsonObject json) {
    return Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "private, no-store")
        .build();
  }
}
