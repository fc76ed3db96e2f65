package org.tradewatch.simulator.skinshark.live;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API keys with their scopes, the sub-users with their fee tiers, and the tiers' fees, as
 * configured. Entries are {@code name:value}; scopes are separated by {@code |}.
 */
public record Accounts(
    Map<String, Set<String>> keyScopes,
    Map<String, String> subUserTiers,
    Map<String, BigDecimal> tierFees) {

  /** The scopes upstream knows. */
  public static final Set<String> SCOPES = Set.of("market", "deposit", "trade");

  public Accounts {
    keyScopes = Map.copyOf(keyScopes);
    subUserTiers = Map.copyOf(subUserTiers);
    tierFees = Map.copyOf(tierFees);
    for (Map.Entry<String, String> subUser : subUserTiers.entrySet()) {
      if (!tierFees.containsKey(subUser.getValue())) {
        throw new IllegalArgumentException(
            "sub-user " + subUser.getKey() + " has unknown fee tier " + subUser.getValue());
      }
    }
  }

  /** Parses the three configuration lists. */
  public static Accounts parse(List<String> keys, List<String> subUsers, List<String> tiers) {
    Map<String, Set<String>> keyScopes = new LinkedHashMap<>();
    for (String entry : keys) {
      String[] pair = pair(entry, "simulator.skinshark.api-keys");
      keyScopes.put(pair[0], scopes(pair[1]));
    }
    Map<String, BigDecimal> tierFees = new LinkedHashMap<>();
    for (String entry : tiers) {
      String[] pair = pair(entry, "simulator.skinshark.fee-tiers");
      BigDecimal fee;
      try {
        fee = new BigDecimal(pair[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("fee of tier " + pair[0] + " is not a number");
      }
      if (fee.signum() < 0 || fee.compareTo(BigDecimal.valueOf(100)) > 0) {
        throw new IllegalArgumentException("fee of tier " + pair[0] + " must be 0 to 100 %");
      }
      tierFees.put(pair[0], fee);
    }
    Map<String, String> subUserTiers = new LinkedHashMap<>();
    for (String entry : subUsers) {
      String[] pair = pair(entry, "simulator.skinshark.sub-users");
      subUserTiers.put(pair[0], pair[1]);
    }
    return new Accounts(keyScopes, subUserTiers, tierFees);
  }

  /** Parses {@code market|deposit}, refusing unknown scopes; an empty text is no scope. */
  public static Set<String> scopes(String text) {
    Set<String> scopes = new LinkedHashSet<>();
    for (String scope : text.split("[|,]")) {
      String trimmed = scope.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!SCOPES.contains(trimmed)) {
        throw new IllegalArgumentException(
            "unknown scope '" + trimmed + "': expected market, deposit or trade");
      }
      scopes.add(trimmed);
    }
    return scopes;
  }

  private static String[] pair(String entry, String key) {
    int colon = entry.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(key + " entries are name:value");
    }
    return new String[] {entry.substring(0, colon).trim(), entry.substring(colon + 1).trim()};
  }
}
