package org.tradewatch.simulator.notifications;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The documented enums: notification types, the site's filters and the details. The filters are the
 * site's tabs; upstream does not list their types, so each type goes to the tab its name belongs
 * to, and types no tab names appear under "All" only.
 */
final class NotificationKinds {
  private NotificationKinds() {}

  /** Every type of the Notification Type enum (All = -1 is a filter value, not a type). */
  static final List<Integer> TYPES =
      List.of(
          0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 17, 18, 19, 20, 22, 23, 24, 25, 26, 27, 28, 29,
          30);

  /** Filter value to the types it shows; 0 (All) and unknown values show every type. */
  static final Map<Integer, Set<Integer>> FILTERS =
      Map.of(
          1, Set.of(0, 1, 10, 28),
          2, Set.of(8, 17, 18, 19),
          3, Set.of(2, 3, 4, 12),
          4, Set.of(5, 11),
          6, Set.of(20, 25, 26));

  /** The details a type can carry (Notification Detail enum); empty when it carries none. */
  static List<Integer> detailsOf(int type) {
    return switch (type) {
      case 0, 2 -> List.of(1, 2);
      case 4 -> List.of(3, 4, 5);
      case 6 -> List.of(13);
      case 17, 18 -> List.of(7, 8, 9);
      case 20, 26 -> List.of(10, 11);
      case 25, 27 -> List.of(12, 0);
      case 29 -> List.of(6);
      default -> List.of();
    };
  }

  static boolean shownBy(int filter, int type) {
    Set<Integer> types = FILTERS.get(filter);
    return types == null || types.contains(type);
  }

  static boolean fromUser(int type) {
    return switch (type) {
      case 0, 1, 2, 3, 4, 8, 11, 17, 18, 19, 20, 23, 28 -> true;
      default -> false;
    };
  }
}
