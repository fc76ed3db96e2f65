package org.tradewatch.core.notification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * backpack.tf's notifications API over one token's folders in memory, answering as the documented
 * endpoints do, and counting what it was asked.
 */
final class FakeUpstream implements NotificationsUpstream {

  private static final Comparator<Item> NEWEST_FIRST =
      Comparator.comparingLong((Item item) -> item.sent).thenComparing(item -> item.id).reversed();

  private static final class Item {
    final String id;
    final long sent;
    final int type;
    final int folder;
    boolean unread = true;

    Item(String id, long sent, int type, int folder) {
      this.id = id;
      this.sent = sent;
      this.type = type;
      this.folder = folder;
    }
  }

  private final List<Item> items = new ArrayList<>();
  private long nextId = 1;

  /** Every search as {@code folder filter since skip}, nulls as {@code -}. */
  final List<String> searches = new ArrayList<>();

  final List<Integer> deleteSizes = new ArrayList<>();

  /** When set, every call fails with it. */
  volatile UpstreamFailure failure;

  /** When set, a search counts this down and then waits for {@link #proceed}. */
  volatile CountDownLatch searching;

  volatile CountDownLatch proceed;

  /** Adds {@code count} notifications of {@code type} to {@code folder}, sent at {@code sent}. */
  synchronized List<String> add(int count, int folder, int type, long sent) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("%024x", nextId++);
      items.add(new Item(id, sent, type, folder));
      ids.add(id);
    }
    return ids;
  }

  /** The folder's ids, newest first, as upstream orders them. */
  synchronized List<String> ids(int folder) {
    return items.stream()
        .filter(item -> item.folder == folder)
        .sorted(NEWEST_FIRST)
        .map(item -> item.id)
        .toList();
  }

  synchronized int searchCount() {
    return searches.size();
  }

  @Override
  public String search(String token, Integer folder, Integer filter, Long since, Integer skip) {
    String body;
    synchronized (this) {
      fail();
      searches.add(
          (folder == null ? "-" : folder)
              + " "
              + (filter == null ? "-" : filter)
              + " "
              + (since == null ? "-" : since)
              + " "
              + (skip == null ? "-" : skip));
      int code = folder == null ? 0 : folder;
      NotificationFilter shown =
          filter == null ? NotificationFilter.ALL : NotificationFilter.ofCode(filter);
      Set<Integer> types = shown == null ? null : shown.types();
      List<Item> inFolder = items.stream().filter(item -> item.folder == code).toList();
      List<Item> page =
          inFolder.stream()
              .filter(item -> types == null || types.contains(item.type))
              .filter(item -> since == null || item.sent >= since)
              .sorted(NEWEST_FIRST)
              .skip(skip == null ? 0 : skip)
              .limit(PollingPolicy.PAGE_SIZE)
              .toList();
      StringBuilder json = new StringBuilder();
      json.append("{\"folder_count\":").append(inFolder.size());
      json.append(",\"page_size\":60,\"skip\":").append(skip == null ? 0 : skip);
      json.append(",\"notifications\":[");
      for (int i = 0; i < page.size(); i++) {
        Item item = page.get(i);
        json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(item.id);
        json.append("\",\"sent\":").append(item.sent).append(",\"type\":").append(item.type);
        json.append(",\"from\":{\"steamid\":\"1\",\"name\":\"<b>Кирилл</b>\"}");
        json.append(item.unread ? ",\"unread\":true}" : "}");
      }
      body = json.append("]}").toString();
    }
    awaitProceed();
    return body;
  }

  @Override
  public synchronized String emptyFolder(String token, int folder) {
    fail();
    int before = items.size();
    items.removeIf(item -> item.folder == folder);
    return "{\"modified\":" + (before - items.size()) + "}";
  }

  @Override
  public String markFolderRead(String token, int folder) {
    String body;
    synchronized (this) {
      fail();
      int modified = 0;
      for (Item item : items) {
        if (item.folder == folder && item.unread) {
          item.unread = false;
          modified++;
        }
      }
      body = "{\"modified\":" + modified + "}";
    }
    awaitProceed();
    return body;
  }

  @Override
  public synchronized String delete(String token, List<String> ids) {
    fail();
    deleteSizes.add(ids.size());
    Set<String> wanted = new HashSet<>(ids);
    int before = items.size();
    items.removeIf(item -> wanted.contains(item.id));
    return "{\"modified\":" + (before - items.size()) + "}";
  }

  private void fail() {
    if (failure != null) {
      throw failure;
    }
  }

  private void awaitProceed() {
    CountDownLatch started = searching;
    if (started != null) {
      started.countDown();
      try {
        proceed.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
