package org.tradewatch.persistence.listing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One distinct item name among a source's listings: the vocabulary a name search looks through
 * ({@link ItemNames}). A market holds a million listings but only tens of thousands of names, so
 * matching a substring against the names and then finding their listings through an index is fast
 * where a substring match against every listing is not. Written with the listings that bring a new
 * name, in the same transaction, so the vocabulary always covers every stored listing. Keyed by
 * source as well, because each source has one consumer: two consumers never insert the same row at
 * once.
 */
@Entity
@IdClass(ItemNameEntity.Key.class)
@Table(name = "listing_name")
public class ItemNameEntity {

  @Id
  @Column(name = "source", length = 16, nullable = false)
  String source;

  @Id
  @Column(name = "name", length = ListingEntity.ITEM_NAME_LENGTH, nullable = false)
  String name;

  protected ItemNameEntity() {}

  /** The primary key: source and name. */
  public static final class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private String source;
    private String name;

    public Key() {}

    @Override
    public boolean equals(Object other) {
      return other instanceof Key that
          && Objects.equals(source, that.source)
          && Objects.equals(name, that.name);
    }

    @Override
    public int hashCode() {
      return Objects.hash(source, name);
    }
  }
}
