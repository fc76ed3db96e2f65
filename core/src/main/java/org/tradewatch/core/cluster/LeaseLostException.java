package org.tradewatch.core.cluster;

/**
 * A write fenced by a lease found the lease taken over: nothing of it was stored, and the consumer
 * that holds this lease must stop, since another instance now runs the source.
 */
public final class LeaseLostException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Lease lease;

  public LeaseLostException(Lease lease) {
    super(
        lease.source().id()
            + ": the lease of epoch "
            + lease.epoch()
            + " held by "
            + lease.holder()
            + " was taken over");
    this.lease = lease;
  }

  public Lease lease() {
    return lease;
  }
}
