package org.tradewatch.core.watch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A watch that breaks the rules: the message names every bad field and says what is wrong with it
 * ({@code "atMost: must not be negative; intent: unknown intent 'hold': expected buy or sell"}).
 */
public class InvalidWatchException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient Map<String, String> problems;

  /**
   * @param problems what is wrong, by field, in the order found; at least one
   */
  public InvalidWatchException(Map<String, String> problems) {
    super(message(problems));
    this.problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
  }

  public InvalidWatchException(String field, String problem) {
    this(Map.of(field, problem));
  }

  private static String message(Map<String, String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid watch has a problem");
    }
    StringBuilder message = new StringBuilder();
    problems.forEach(
        (field, problem) ->
            message
                .append(message.isEmpty() ? "" : "; ")
                .append(field)
                .append(": ")
                .append(problem));
    return message.toString();
  }

  /** The bad fields. */
  public List<String> fields() {
    return List.copyOf(problems.keySet());
  }

  /** What is wrong with {@code field}, or null when nothing is. */
  public String problem(String field) {
    return problems.get(field);
  }
}
