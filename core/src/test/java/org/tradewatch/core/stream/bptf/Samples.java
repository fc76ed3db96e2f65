package org.tradewatch.core.stream.bptf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The anonymised upstream samples under {@code src/test/resources/samples}. */
public final class Samples {

  public static final String BUY_ORDER = "listing-update-buy-order.json";
  public static final String BUY_SKIN = "listing-update-buy-skin.json";
  public static final String SELL = "listing-update-sell.json";
  public static final String DELETE = "listing-delete.json";
  public static final String QUIRKS = "listing-update-quirks.json";
  public static final String BATCH = "batch-frame.json";

  private Samples() {}

  public static String read(String name) {
    try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
