package org.tradewatch.core.status;

/** Where a stream consumer is in its connection life cycle. */
public enum StreamState {
  CONNECTING("connecting"),
  CONNECTED("connected"),
  BACKING_OFF("backing-off"),
  STOPPED("stopped"),
  /** Another instance of the cluster holds the source's lease and runs its consumer. */
  STANDBY("standby");

  private final String id;

  StreamState(String id) {
    this.id = id;
  }

  /** The name used in JSON and health output. */
  public String id() {
    return id;
  }
}
