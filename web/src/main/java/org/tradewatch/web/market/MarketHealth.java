package org.tradewatch.web.market;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the market model is being built from the database: searches would be partial. */
@Readiness
@ApplicationScoped
public class MarketHealth implements HealthCheck {

  @Inject Market market;

  @Override
  public HealthCheckResponse call() {
    String failure = market.failure();
    String state = failure != null ? "failed" : market.built() ? "built" : "building";
    return HealthCheckResponse.named("market")
        .status(market.built())
        .withData("state", state)
        .withData("listings", market.model().size())
        .withData("statesLoaded", market.loaded())
        .withData("buildMillis", market.buildMillis())
        .withData("modelBytes", market.model().estimatedBytes())
        .withData("problem", failure == null ? "" : failure)
        .build();
  }
}
