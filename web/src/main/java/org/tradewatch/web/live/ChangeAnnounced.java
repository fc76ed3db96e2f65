package org.tradewatch.web.live;

import java.util.Objects;
import org.tradewatch.core.listing.Source;

/**
 * Another instance of the cluster appended to a source's log. A CDI event, fired on the data grid's
 * event thread, so that the market model hears it without this package knowing the model.
 */
public record ChangeAnnounced(Source source) {

  public ChangeAnnounced {
    Objects.requireNonNull(source, "source");
  }
}
