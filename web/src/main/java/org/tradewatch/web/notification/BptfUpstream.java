package org.tradewatch.web.notification;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.tradewatch.core.notification.UpstreamFailure;
import org.tradewatch.core.notification.UpstreamRefusal;

/**
 * Every call to backpack.tf's notifications API goes through {@link #exchange}, so one timeout and
 * one circuit breaker guard them all. Failures become {@link UpstreamFailure}s built from the
 * status alone: the client's exceptions are never logged or passed on, because they can carry the
 * request's address and with it the token.
 */
@ApplicationScoped
public class BptfUpstream {

  // Json.create* runs a service lookup through the class path at every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  private static final Logger LOG = Logger.getLogger(BptfUpstream.class.getName());

  /** Jersey's switch that lets its JDK connector send PATCH. */
  static final String SET_METHOD_WORKAROUND =
      "jersey.config.client.httpUrlConnection.setMethodWorkaround";

  @Inject
  @ConfigProperty(name = "tradewatch.bptf.api.url")
  String baseUrl;

  @Inject
  @ConfigProperty(name = "tradewatch.bptf.api.timeout-millis", defaultValue = "10000")
  long timeoutMillis;

  private BptfNotificationsClient client;

  @PostConstruct
  void build() {
    client =
        RestClientBuilder.newBuilder()
            .baseUri(URI.create(baseUrl))
            .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
            .property("microprofile.rest.client.disable.default.mapper", true)
            .property(SET_METHOD_WORKAROUND, true)
            // Upstream's PATCH takes its parameters in the query and no body, which Jersey
            // refuses unless told that this is intended.
            .property("jersey.config.client.suppressHttpComplianceValidation", true)
            .build(BptfNotificationsClient.class);
    LOG.info(
        () -> "backpack.tf notifications API at " + baseUrl + ", timeout " + timeoutMillis + " ms");
  }

  long timeoutMillis() {
    return timeoutMillis;
  }

  /**
   * Makes one call and answers upstream's 2xx body. The timeout and the breaker's settings are
   * MicroProfile Fault Tolerance's own keys ({@code
   * org.tradewatch.web.notification.BptfUpstream/exchange/Timeout/value} and so on), which
   * microprofile-config.properties ties to {@code tradewatch.bptf.api.*}. Refusals (4xx) show that
   * upstream is alive, so the breaker does not count them.
   */
  @Timeout(10_000)
  @CircuitBreaker(
      requestVolumeThreshold = 5,
      failureRatio = 1.0,
      delay = 30_000,
      successThreshold = 1,
      skipOn = UpstreamRefusal.class)
  public String exchange(String token, Function<BptfNotificationsClient, Response> call) {
    Response response;
    try {
      response = call.apply(client);
    } catch (ProcessingException e) {
      throw isTimeout(e)
          ? UpstreamFailure.timeout(timeoutMillis)
          : UpstreamFailure.unreachable("could not be reached");
    } catch (RuntimeException e) {
      // The client's own message may hold the request's address, token included: only the
      // exception's class is logged.
      LOG.warning(() -> "The call to backpack.tf failed in the client: " + e.getClass().getName());
      throw UpstreamFailure.unreachable("could not be asked");
    }
    try (response) {
      String body;
      try {
        body = response.hasEntity() ? response.readEntity(String.class) : "";
      } catch (ProcessingException e) {
        throw isTimeout(e)
            ? UpstreamFailure.timeout(timeoutMillis)
            : UpstreamFailure.unreachable("broke off its answer");
      }
      int status = response.getStatus();
      if (status >= 200 && status < 300) {
        return body;
      }
      throw UpstreamFailure.forStatus(
          status, messageOf(body), retryAfter(response.getHeaderString("Retry-After")), token);
    }
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Upstream's {@code message}, when the body is the documented error JSON. */
  static String messageOf(String body) {
    try (JsonReader reader = JSON.createReader(new StringReader(body))) {
      JsonObject json = reader.readObject();
      return json.get("message") instanceof JsonString message ? message.getString() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** {@code Retry-After} in seconds: a number of seconds or an HTTP date; null when neither. */
  static Long retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String text = header.trim();
    if (text.matches("[0-9]{1,9}")) {
      return Long.parseLong(text);
    }
    try {
      long seconds =
          ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond()
              - System.currentTimeMillis() / 1000;
      return Math.max(0, seconds);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
