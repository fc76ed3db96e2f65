package org.tradewatch.web.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is DOWN while the database does not answer: nothing can be stored or served then. */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

  @Inject Database database;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("database").status(database.reachable()).build();
  }
}
