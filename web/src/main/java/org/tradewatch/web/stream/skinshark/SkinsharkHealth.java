package org.tradewatch.web.stream.skinshark;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports a skinshark configuration error (a refused key, tickets without the market scope) as
 * DOWN: unlike a reconnecting stream, it does not heal by itself and needs an operator.
 */
@Readiness
@ApplicationScoped
public class SkinsharkHealth implements HealthCheck {

  @Inject SkinsharkConsumer consumer;

  @Override
  public HealthCheckResponse call() {
    String error = consumer.configurationError();
    return HealthCheckResponse.named("skinshark-configuration")
        .status(error == null)
        .withData("problem", error == null ? "none" : error)
        .build();
  }
}
