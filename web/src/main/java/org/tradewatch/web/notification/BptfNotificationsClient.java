package org.tradewatch.web.notification;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * backpack.tf's notification endpoints for the MicroProfile REST Client. Every method answers the
 * raw {@link Response}, whatever its status, so that the caller maps failures itself; null
 * parameters are left out of the request.
 */
@Path("api/notifications")
@Produces(MediaType.APPLICATION_JSON)
public interface BptfNotificationsClient {

  @GET
  @Path("search/v1")
  Response search(
      @QueryParam("token") String token,
      @QueryParam("folder") Integer folder,
      @QueryParam("filter") Integer filter,
      @QueryParam("since") Long since,
      @QueryParam("skip") Integer skip);

  @DELETE
  @Path("folder/v1")
  Response emptyFolder(@QueryParam("token") String token, @QueryParam("folder") int folder);

  @PATCH
  @Path("folder/v1")
  Response markFolderRead(@QueryParam("token") String token, @QueryParam("folder") int folder);

  @DELETE
  @Path("notification/v1")
  Response delete(@QueryParam("token") String token, @QueryParam("ids") String ids);
}
