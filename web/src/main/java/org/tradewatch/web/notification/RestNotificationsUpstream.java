package org.tradewatch.web.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.tradewatch.core.notification.NotificationsUpstream;
import org.tradewatch.core.notification.TokenHash;
import org.tradewatch.core.notification.UpstreamFailure;

/**
 * Core's upstream port over {@link BptfUpstream}, turning Fault Tolerance's own exceptions into
 * {@link UpstreamFailure}s the client can be told about, counting every call by its outcome ({@link
 * ProxyCounts}), and telling of every answered call with {@link UpstreamAnswered} (accounts record
 * when their stored token last worked).
 */
@ApplicationScoped
public class RestNotificationsUpstream implements NotificationsUpstream {

  @Inject BptfUpstream upstream;

  @Inject Event<UpstreamAnswered> answered;

  @Inject ProxyCounts counts;

  @Inject
  @ConfigProperty(name = "tradewatch.bptf.api.circuit-delay-millis", defaultValue = "30000")
  long circuitDelayMillis;

  @Override
  public String search(String token, Integer folder, Integer filter, Long since, Integer skip) {
    return call(token, client -> client.search(token, folder, filter, since, skip));
  }

  @Override
  public String emptyFolder(String token, int folder) {
    return call(token, client -> client.emptyFolder(token, folder));
  }

  @Override
  public String markFolderRead(String token, int folder) {
    return call(token, client -> client.markFolderRead(token, folder));
  }

  @Override
  public String delete(String token, List<String> ids) {
    return call(token, client -> client.delete(token, String.join(",", ids)));
  }

  private String call(
      String token, Function<BptfNotificationsClient, jakarta.ws.rs.core.Response> call) {
    String body;
    try {
      body = upstream.exchange(token, call);
    } catch (RuntimeException e) {
      counts.called(ProxyCounts.Outcome.of(e));
      throw failureFor(e);
    }
    counts.called(ProxyCounts.Outcome.OK);
    answered.fire(new UpstreamAnswered(TokenHash.of(token), System.currentTimeMillis()));
    return body;
  }

  /** Fault Tolerance's exceptions as the failures a client is told of; any other as it is. */
  private RuntimeException failureFor(RuntimeException e) {
    if (e instanceof TimeoutException) {
      return UpstreamFailure.timeout(upstream.timeoutMillis());
    }
    if (e instanceof CircuitBreakerOpenException) {
      return UpstreamFailure.circuitOpen(Math.max(1, (circuitDelayMillis + 999) / 1000));
    }
    if (e instanceof FaultToleranceException) {
      return UpstreamFailure.unreachable("could not be asked");
    }
    return e;
  }
}
