package org.tradewatch.web.watch;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.tradewatch.core.account.Account;
import org.tradewatch.web.api.ApiException;

/** What the watches' and alerts' resources ask of a request: whose it is, and its JSON body. */
public final class Caller {

  /** The largest body a watch or an alert change takes; a watch is a few hundred bytes. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final JsonProvider JSON = JsonProvider.provider();

  private Caller() {}

  /**
   * The key of the logged-in account.
   *
   * @throws ApiException 401 when nobody is logged in
   */
  public static String account(HttpServletRequest request) {
    Principal user = request.getUserPrincipal();
    if (user == null) {
      throw new ApiException(
          401, "log in first: watches and alerts belong to an account (see /login)");
    }
    return Account.keyOf(user.getName());
  }

  /**
   * The body as JSON.
   *
   * @throws ApiException 400 naming {@code body} when it is not JSON, 413 when it is too large
   */
  public static JsonValue json(InputStream body) {
    String text = text(body);
    if (text.isBlank()) {
      throw ApiException.badRequest("body: expected a JSON object, got nothing");
    }
    try (var reader = JSON.createReader(new StringReader(text))) {
      return reader.readValue();
    } catch (JsonException e) {
      throw ApiException.badRequest("body: not valid JSON: " + e.getMessage());
    }
  }

  private static String text(InputStream body) {
    if (body == null) {
      return "";
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int read;
      while ((read = body.read(buffer)) >= 0) {
        bytes.write(buffer, 0, read);
        if (bytes.size() > MAX_BODY_BYTES) {
          throw new ApiException(413, "body: at most " + MAX_BODY_BYTES + " bytes");
        }
      }
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
