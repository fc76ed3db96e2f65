package org.tradewatch.web.stream.skinshark;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.TimeUnit;

/**
 * skinshark's REST calls through the JAX-RS client: minting a socket ticket and reading market
 * pages. The API key travels only in the Authorization header, never in a URL or a log line.
 */
final class SkinsharkApi implements AutoCloseable {

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  /** skinshark refused the key or the sub-user: retrying cannot help, an operator must act. */
  static final class ConfigurationError extends IOException {
    private static final long serialVersionUID = 1L;

    ConfigurationError(String message) {
      super(message);
    }
  }

  private final Client client;
  private final String base;
  private final String apiKey;
  private final String subUser;

  SkinsharkApi(String base, String apiKey, String subUser) {
    this.client =
        ClientBuilder.newBuilder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(30, TimeUnit.SECONDS)
            .build();
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.apiKey = apiKey;
    this.subUser = subUser;
  }

  /** Mints a ticket for the sub-user; its text is a secret. */
  String mintTicket() throws IOException {
    String body = call("POST /auth/ws-token", request(base + "/auth/ws-token"), true);
    try (JsonReader reader = JSON.createReader(new StringReader(body))) {
      JsonObject answer = reader.readObject();
      String token = answer.getString("token", null);
      if (token == null || token.isEmpty()) {
        throw new IOException("POST /auth/ws-token answered without a token");
      }
      return token;
    } catch (RuntimeException e) {
      throw new IOException("POST /auth/ws-token answered something else than JSON", e);
    }
  }

  /** One page of {@code GET /market}, as text. */
  String marketPage(int page, int limit) throws IOException {
    return call(
        "GET /market page " + page,
        client
            .target(base)
            .path("market")
            .queryParam("page", page)
            .queryParam("limit", limit)
            .request(MediaType.APPLICATION_JSON)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
            .header("On-Behalf-Of", subUser),
        false);
  }

  private Invocation.Builder request(String url) {
    return client
        .target(url)
        .request(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
        .header("On-Behalf-Of", subUser);
  }

  private static String call(String what, Invocation.Builder request, boolean post)
      throws IOException {
    try (Response response = post ? request.post(Entity.text("")) : request.get()) {
      int status = response.getStatus();
      String body = response.hasEntity() ? response.readEntity(String.class) : "";
      if (status == 401 || status == 403) {
        throw new ConfigurationError(
            what
                + " was refused with HTTP "
                + status
                + ": check tradewatch.skinshark.api.key and tradewatch.skinshark.subuser");
      }
      if (status != 200) {
        throw new IOException(what + " answered HTTP " + status);
      }
      return body;
    } catch (ProcessingException e) {
      throw new IOException(what + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
