package org.tradewatch.web.page;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.tradewatch.core.listing.ListingQuery;
import org.tradewatch.core.listing.ListingReader;
import org.tradewatch.core.listing.ListingSort;
import org.tradewatch.web.account.Accounts;

/**
 * Does at start, in the background, what the first visitor would otherwise wait for: measured on a
 * fresh server, the first registration spent most of its 4-5 s in PBKDF2's first runs (the JIT had
 * not compiled HMAC-SHA256 yet; 210,000 iterations run three times: the accounts' stand-in hash,
 * the new hash and the login's check) and the first page most of its time starting Thymeleaf. So
 * this hashes a throwaway password through the accounts (as a failed login does), renders the pages
 * that need no data, and runs a first listing search.
 *
 * <p>Readiness ({@code pages-warm}) is DOWN until it is done, so that a load balancer sends no one
 * to a cold instance; a step that fails is logged and counted as done, never holding readiness.
 */
@Readiness
@ApplicationScoped
public class PagesWarmup implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(PagesWarmup.class.getName());

  @Inject Accounts accounts;
  @Inject Pages pages;
  @Inject ListingReader listings;

  @Resource ManagedExecutorService executor;

  private final Map<String, Long> millis = new LinkedHashMap<>();
  private volatile boolean done;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
    if (!(context instanceof ServletContext servletContext)) {
      return;
    }
    executor.execute(() -> warm(servletContext));
  }

  private void warm(ServletContext servletContext) {
    long start = System.nanoTime();
    try {
      step("password hashing", this::hashOnce);
      step("templates", () -> pages.warm(servletContext));
      step(
          "listing search",
          () ->
              listings.search(
                  new ListingQuery(
                      null, null, null, null, null, null, false, ListingSort.UPDATED_DESC, 1, 50)));
    } finally {
      done = true;
      long total = (System.nanoTime() - start) / 1_000_000;
      LOG.info(() -> "Pages warmed up in " + total + " ms: " + steps());
    }
  }

  /** A login with a name no account can have: one PBKDF2 verification, and the accounts' start. */
  private void hashOnce() {
    SecureRandom random = new SecureRandom();
    char[] password = new char[24];
    for (int i = 0; i < password.length; i++) {
      password[i] = (char) ('a' + random.nextInt(26));
    }
    accounts.authenticate(" warm-up " + random.nextLong(), password);
  }

  private void step(String name, Runnable work) {
    long start = System.nanoTime();
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Warming up " + name + " failed; the first visitor will wait", e);
    } finally {
      synchronized (millis) {
        millis.put(name, (System.nanoTime() - start) / 1_000_000);
      }
    }
  }

  private String steps() {
    synchronized (millis) {
      return millis.toString();
    }
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("pages-warm").status(done);
    synchronized (millis) {
      millis.forEach((name, ms) -> response.withData(name.replace(' ', '-') + "-ms", ms));
    }
    return response.build();
  }
}
