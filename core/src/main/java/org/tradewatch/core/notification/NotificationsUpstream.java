package org.tradewatch.core.notification;

import java.util.List;

/**
 * backpack.tf's four notification endpoints. Each returns upstream's 2xx body as received, or
 * throws an {@link UpstreamFailure}. Parameters that are null are not sent.
 */
public interface NotificationsUpstream {

  String search(String token, Integer folder, Integer filter, Long since, Integer skip);

  String emptyFolder(String token, int folder);

  String markFolderRead(String token, int folder);

  /** At most {@link NotificationService#UPSTREAM_MAX_IDS} ids. */
  String delete(String token, List<String> ids);
}
