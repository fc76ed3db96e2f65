package org.tradewatch.web.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows each stream's state in readiness. A stream that is reconnecting does not make the instance
 * unready: the stored listings can still be served.
 */
@Readiness
@ApplicationScoped
public class StreamsHealth implements HealthCheck {

  @Inject StreamRegistry registry;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("streams").up();
    for (StreamMonitor monitor : registry.all()) {
      StreamMonitor.StreamView view = monitor.view();
      response.withData(view.source(), view.state());
      response.withData(view.source() + ".queueDepth", view.queueDepth());
    }
    return response.build();
  }
}
