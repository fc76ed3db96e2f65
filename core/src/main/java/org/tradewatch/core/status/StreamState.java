package org.tradewatch.core.status;

/** Where a stream consumer is in its connection life cycle. */
public enum StreamState {
  CONNECTING("connecting"),
  CONNECTED("connected"),
  BACKING_OFF("backing-off"),
  STOPPED("stopped");

  private final String id;

  StreamState(String id) {
    this.id = id;
  }

  /** The name used in JSON and health output. */
  public String id() {
    return id;
  }
}
