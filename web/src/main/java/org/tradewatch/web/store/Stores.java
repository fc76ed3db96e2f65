package org.tradewatch.web.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.tradewatch.core.account.AccountStore;
import org.tradewatch.core.ingest.ListingStore;
import org.tradewatch.core.ingest.QuarantineStore;
import org.tradewatch.core.listing.ListingReader;
import org.tradewatch.core.status.StreamStatusStore;
import org.tradewatch.persistence.account.JpaAccountStore;
import org.tradewatch.persistence.listing.JpaListingStore;
import org.tradewatch.persistence.quarantine.JpaQuarantineStore;
import org.tradewatch.persistence.status.JpaStreamStatusStore;

/**
 * Hands core's ports to the rest of the WAR, backed by the JPA repositories. Application-scoped
 * producers are proxied, so the database is first touched when a port is first used, not when it is
 * injected.
 */
@ApplicationScoped
public class Stores {

  @Inject Database database;

  @Produces
  @ApplicationScoped
  public ListingStore listingStore() {
    return new JpaListingStore(database.factory());
  }

  @Produces
  @ApplicationScoped
  public ListingReader listingReader() {
    return new JpaListingStore(database.factory());
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
  public AccountStore accountStore() {
    return new JpaAccountStore(database.factory());
  }
}
