package org.tradewatch.web.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Registers metrics in MicroProfile Metrics' application registry, which Payara shows at {@code
 * /metrics} in Prometheus' text format with an added {@code mp_scope="application"} tag. Every
 * metric reads, when scraped, a number a component already keeps, so nothing is counted twice.
 *
 * <p>Names are an API (dashboards and alerts are built on them), so they are given whole, in the
 * form Prometheus shows, and checked: {@code tradewatch_} then lower-case words joined by {@code
 * _}; counts end in {@code _total}, values in a base unit end in it ({@code _seconds}, {@code
 * _bytes}). No unit is set in the metadata, so the name is not changed on the way out.
 */
@ApplicationScoped
public class Metrics {

  private static final Pattern NAME = Pattern.compile("tradewatch(_[a-z0-9]+)+");

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  /**
   * A count that only grows while this instance runs and starts at 0 with it, as Prometheus expects
   * of a counter: {@code rate()} and {@code increase()} apply. MicroProfile Metrics 5 has no
   * counter read from a function, so it is exported as a gauge; the {@code _total} in its name says
   * what it is.
   *
   * @param name ends in {@code _total}
   */
  public void counter(String name, String help, LongSupplier count, Tag... tags) {
    requireValidName(name, true);
    Objects.requireNonNull(count, "count");
    register(name, help, count::getAsLong, tags);
  }

  /** A value that goes up and down, such as a queue's depth; its name does not end in _total. */
  public void gauge(String name, String help, DoubleSupplier value, Tag... tags) {
    requireValidName(name, false);
    Objects.requireNonNull(value, "value");
    register(name, help, value::getAsDouble, tags);
  }

  /**
   * The registry keeps the first supplier registered under an id; removing it first makes the
   * latest registration the one read, so a redeployed application never reads its predecessor's
   * objects.
   */
  <T extends Number> void register(String name, String help, Supplier<T> value, Tag... tags) {
    if (help == null || help.isBlank()) {
      throw new IllegalArgumentException(name + " needs a help text");
    }
    registry.remove(new MetricID(name, tags));
    registry.gauge(Metadata.builder().withName(name).withDescription(help).build(), value, tags);
  }

  static void requireValidName(String name, boolean count) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a metric name is tradewatch_ and lower-case words joined by _, was " + name);
    }
    if (count != name.endsWith("_total")) {
      throw new IllegalArgumentException(
          (count ? "a count's name ends in _total, was " : "only a count's name ends in _total: ")
              + name);
    }
  }
}
