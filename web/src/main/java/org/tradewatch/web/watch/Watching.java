package org.tradewatch.web.watch;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tradewatch.core.watch.DealTest;
import org.tradewatch.core.watch.Watch;
import org.tradewatch.core.watch.WatchBook;
import org.tradewatch.core.watch.WatchService;
import org.tradewatch.core.watch.WatchStore;

/**
 * This instance's watches: the book that matching uses, the service the REST resources and pages
 * change watches through (which puts a change into the book at once), and the sync that keeps the
 * book equal to the database. Every {@code tradewatch.watches.refresh-millis} the store's version
 * is read (one tiny query); when another instance changed a watch, or an account went with its
 * watches, the book is reloaded whole. So whichever instance holds a source's ingest matches every
 * watch, wherever it was made.
 */
@ApplicationScoped
public class Watching {

  private static final Logger LOG = Logger.getLogger(Watching.class.getName());

  @Inject
  @ConfigProperty(name = "tradewatch.watches.refresh-millis", defaultValue = "1000")
  long refreshMillis;

  /** The same key and default the deals use: a deals-only watch agrees with them. */
  @Inject
  @ConfigProperty(name = "tradewatch.deals.min-discount", defaultValue = "10")
  BigDecimal minDiscount;

  @Inject WatchStore store;

  @Resource ManagedScheduledExecutorService scheduler;

  private volatile WatchBook book;
  private volatile WatchService service;
  private volatile long loadedVersion = Long.MIN_VALUE;
  private ScheduledFuture<?> refresher;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (refreshMillis < 50) {
      throw new IllegalArgumentException(
          "tradewatch.watches.refresh-millis must be 50 or more, was " + refreshMillis);
    }
    book();
    refresher =
        scheduler.scheduleWithFixedDelay(this::refresh, 0, refreshMillis, TimeUnit.MILLISECONDS);
  }

  /** The watches matching uses. */
  public WatchBook book() {
    WatchBook held = book;
    if (held == null) {
      synchronized (this) {
        if (book == null) {
          book = new WatchBook(DealTest.underSuggested(minDiscount));
          service = new WatchService(store, book, Clock.systemUTC());
        }
        held = book;
      }
    }
    return held;
  }

  /** Watches for their owners, as REST and the pages change them. */
  public WatchService service() {
    book();
    return service;
  }

  /** Reloads the book when the store's watches changed since it was last loaded. */
  void refresh() {
    try {
      long version = store.version();
      if (version == loadedVersion) {
        return;
      }
      List<Watch> all = store.all();
      book().replaceAll(all);
      if (loadedVersion == Long.MIN_VALUE) {
        LOG.info(() -> "Watches loaded: " + all.size());
      }
      loadedVersion = version;
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Reading the watches failed; trying again", e);
    }
  }

  /** Whether the book was loaded from the database at least once. */
  public boolean loaded() {
    return loadedVersion != Long.MIN_VALUE;
  }

  @PreDestroy
  void stop() {
    if (refresher != null) {
      refresher.cancel(false);
    }
  }
}
