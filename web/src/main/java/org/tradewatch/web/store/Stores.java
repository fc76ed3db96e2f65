package org.tradewatch.web.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.tradewatch.core.account.AccountStore;
import org.tradewatch.core.cluster.LeaseStore;
import org.tradewatch.core.ingest.ListingStore;
import org.tradewatch.core.ingest.QuarantineStore;
import org.tradewatch.core.listing.ListingReader;
import org.tradewatch.core.listing.ListingRecords;
import org.tradewatch.core.status.StreamStatusStore;
import org.tradewatch.core.watch.AlertStore;
import org.tradewatch.core.watch.WatchStore;
import org.tradewatch.core.webhook.WebhookStore;
import org.tradewatch.persistence.account.JpaAccountStore;
import org.tradewatch.persistence.cluster.JpaLeaseStore;
import org.tradewatch.persistence.listing.JpaListingStore;
import org.tradewatch.persistence.quarantine.JpaQuarantineStore;
import org.tradewatch.persistence.status.JpaStreamStatusStore;
import org.tradewatch.persistence.watch.JpaAlertStore;
import org.tradewatch.persistence.watch.JpaWatchStore;
import org.tradewatch.persistence.webhook.JpaWebhookStore;
import org.tradewatch.web.market.Market;
import org.tradewatch.web.market.MarketReader;

/**
 * Hands core's ports to the rest of the WAR, backed by the JPA repositories. Application-scoped
 * producers are proxied, so the database is first touched when a port is first used, not when it is
 * injected.
 */
@ApplicationScoped
public class Stores {

  @Inject Database database;

  private JpaListingStore listings;

  @Produces
  @ApplicationScoped
  public ListingStore listingStore() {
    return listings();
  }

  @Produces
  @ApplicationScoped
  public ListingRecords listingRecords() {
    return listings();
  }

  @Produces
  @ApplicationScoped
  public ListingReader listingReader(Market market) {
    return new MarketReader(market, listings());
  }

  private synchronized JpaListingStore listings() {
    if (listings == null) {
      listings = new JpaListingStore(database.factory());
    }
    return listings;
  }

  @Produces
  @ApplicationScoped
  public QuarantineStore quarantineStore() {
    return new JpaQuarantineStore(database.factory());
  }

  @Produces
  @ApplicationScoped
  public StreamStatusStore streamStatusStore() {
    return new JpaStreamStatusStore(database.factory());
  }

  @Produces
  @ApplicationScoped
  public LeaseStore leaseStore() {
    return new JpaLeaseStore(database.factory());
  }

  @Produces
  @ApplicationScoped
  public AccountStore accountStore() {
    return new JpaAccountStore(database.factory());
  }

  @Produces
  @ApplicationScoped
  public WatchStore watchStore() {
    return new JpaWatchStore(database.factory());
  }

  @Produces
  @ApplicationScoped
  public AlertStore alertStore() {
    return new JpaAlertStore(database.factory());
  }

  @Produces
  @ApplicationScoped
  public WebhookStore webhookStore() {
    return new JpaWebhookStore(database.factory());
  }
}
