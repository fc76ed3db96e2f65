package org.tradewatch.persistence.watch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one row whose number every write of watches raises in its own transaction: an instance that
 * sees the number unchanged knows its copy of the watches is whole, at the cost of one tiny read.
 */
@Entity
@Table(name = "watch_version")
public class WatchVersionEntity {

  static final int ID = 1;

  @Id
  @Column(name = "id")
  int id;

  @Column(name = "version", nullable = false)
  long version;

  protected WatchVersionEntity() {}

  WatchVersionEntity(long version) {
    this.id = ID;
    this.version = version;
  }
}
