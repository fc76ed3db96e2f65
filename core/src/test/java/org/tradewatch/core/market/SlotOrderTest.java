package org.tradewatch.core.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The kept order against a TreeSet, through many splits and merges of its blocks. */
class SlotOrderTest {

  private static final int SLOTS = 20_000;

  /** Each slot's sort field, with many ties (broken by slot). */
  private final int[] field = new int[SLOTS];

  private final Comparator<Integer> byField =
      Comparator.<Integer>comparingInt(slot -> field[slot]).thenComparingInt(slot -> slot);

  /** A coarse primary, so that many comparisons fall through to the full order. */
  private final SlotOrder order =
      new SlotOrder((a, b) -> byField.compare(a, b), slot -> field[slot] >> 4);

  private final TreeSet<Integer> truth = new TreeSet<>(byField);
  private final SplittableRandom random = new SplittableRandom(7);

  @Test
  void keepsTheSameOrderAsATreeSetThroughInsertsMovesAndRemovals() {
    for (int round = 0; round < 4; round++) {
      // Grow to most slots, move many (remove, change, insert) with a bias to the end, as the
      // updated order sees, then remove most, so blocks split, drain and merge.
      for (int i = 0; i < 60_000; i++) {
        int slot = random.nextInt(SLOTS);
        if (truth.contains(slot)) {
          order.remove(slot);
          truth.remove(slot);
          field[slot] = random.nextInt(4) == 0 ? 1_000_000 + i : random.nextInt(500);
        } else {
          field[slot] = random.nextInt(3) == 0 ? 1_000_000 + i : random.nextInt(500);
        }
        order.insert(slot);
        truth.add(slot);
      }
      check();
      for (int i = 0; i < 50_000; i++) {
        int slot = random.nextInt(SLOTS);
        if (truth.remove(slot)) {
          order.remove(slot);
        }
      }
      check();
    }
  }

  private void check() {
    List<Integer> expected = new ArrayList<>(truth);
    assertEquals(expected.size(), order.size());
    assertEquals(expected, visited(0, order.size(), false));
    List<Integer> backwards = visited(0, order.size(), true);
    assertEquals(expected, reversed(backwards));
    for (int i = 0; i < 50; i++) {
      int from = random.nextInt(expected.size() + 1);
      int to = from + random.nextInt(expected.size() - from + 1);
      assertEquals(expected.subList(from, to), visited(from, to, false));
      assertEquals(reversed(expected.subList(from, to)), visited(from, to, true));
      int bound = random.nextInt(1_100_000);
      int firstAtOrAbove = 0;
      while (firstAtOrAbove < expected.size() && field[expected.get(firstAtOrAbove)] < bound) {
        firstAtOrAbove++;
      }
      assertEquals(firstAtOrAbove, order.lowerBound(slot -> field[slot] >= bound));
    }
    List<Integer> stopped = new ArrayList<>();
    order.visit(0, order.size(), false, slot -> stopped.add(slot) && stopped.size() < 7);
    assertEquals(expected.subList(0, Math.min(7, expected.size())), stopped);
  }

  private static List<Integer> reversed(List<Integer> slots) {
    List<Integer> copy = new ArrayList<>(slots);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private List<Integer> visited(int from, int to, boolean backward) {
    List<Integer> slots = new ArrayList<>();
    order.visit(from, to, backward, slots::add);
    return slots;
  }

  /** A listing's new field for a batch, placed before the field is written. */
  private SlotOrder.Probe probe(int slot, int newField) {
    return new SlotOrder.Probe() {
      @Override
      public int slot() {
        return slot;
      }

      @Override
      public int primary() {
        return newField >> 4;
      }

      @Override
      public int compareTo(int held) {
        int byField = Integer.compare(newField, field[held]);
        return byField != 0 ? byField : Integer.compare(slot, held);
      }

      @Override
      public int compareTo(SlotOrder.Probe other) {
        int byField = Integer.compare(newField, other.primary() << 4);
        return byField != 0 ? byField : Integer.compare(slot, other.slot());
      }
    };
  }

  @Test
  void batchesOfManyEditsKeepTheSameOrderAsATreeSet() {
    for (int round = 0; round < 300; round++) {
      // Edits found with the fields as they are; fields written; edits made: as the model does.
      SlotOrder.Batch batch = order.new Batch();
      java.util.Map<Integer, Integer> moved = new java.util.HashMap<>();
      int edits = 1 + random.nextInt(round < 20 ? 3_000 : 400);
      for (int i = 0; i < edits; i++) {
        int slot = random.nextInt(SLOTS);
        if (moved.containsKey(slot)) {
          continue;
        }
        int kind = random.nextInt(10);
        // Fields are multiples of 16, so that the probe's primary gives its field back; many tie.
        int newField = 16 * (kind < 3 ? 1_000_000 + round : random.nextInt(300));
        if (newField == field[slot]) {
          continue;
        }
        if (truth.contains(slot)) {
          batch.remove(slot);
          if (kind < 8) {
            batch.insert(probe(slot, newField));
            moved.put(slot, newField);
          } else {
            moved.put(slot, -1);
          }
        } else {
          batch.insert(probe(slot, newField));
          moved.put(slot, newField);
        }
      }
      batch.prepare();
      for (var entry : moved.entrySet()) {
        truth.remove(entry.getKey());
      }
      for (var entry : moved.entrySet()) {
        if (entry.getValue() >= 0) {
          field[entry.getKey()] = entry.getValue();
          truth.add(entry.getKey());
        }
      }
      batch.apply();
      if (round % 30 == 29) {
        check();
      }
    }
    check();
  }

  @Test
  void entriesArrivingInOrderInTheMiddleFillTheirBlocks() {
    // Two groups, then the first group grows at its end, before the second: as new backpack.tf
    // keys go in before every skinshark key.
    for (int slot = 0; slot < 1_000; slot++) {
      field[slot] = slot < 500 ? slot : 1_000_000 + slot;
      order.insert(slot);
      truth.add(slot);
    }
    for (int slot = 1_000; slot < SLOTS; slot++) {
      field[slot] = slot;
      order.insert(slot);
      truth.add(slot);
    }
    check();
    assertTrue(
        order.bytes() < SLOTS * 8 * 1.15,
        "blocks filled in order are nearly full: " + order.bytes() / (double) SLOTS);
  }

  @Test
  void blocksStayAtLeastHalfFullAsEntriesLeave() {
    for (int slot = 0; slot < SLOTS; slot++) {
      field[slot] = random.nextInt(1_000_000);
      order.insert(slot);
      truth.add(slot);
    }
    assertTrue(
        order.bytes() < SLOTS * 8 / 0.8,
        "blocks filled at random are mostly full: " + order.bytes() / (double) SLOTS);
    for (int slot = 0; slot < SLOTS; slot++) {
      if (random.nextInt(10) < 8) {
        order.remove(slot);
        truth.remove(slot);
      }
    }
    check();
    int left = order.size();
    assertTrue(
        order.bytes() <= left * 16L + 2 * SlotOrder.BLOCK * 8 + 4096,
        "at most twice the entries' bytes: " + order.bytes() / (double) left);
  }

  @Test
  void removingASlotWhoseFieldChangedFirstIsAnError() {
    field[1] = 5;
    field[2] = 6;
    field[3] = 8;
    order.insert(1);
    order.insert(2);
    order.insert(3);
    field[1] = 7;
    assertThrows(IllegalStateException.class, () -> order.remove(1));
    assertThrows(IllegalStateException.class, () -> order.insert(2));
    assertThrows(
        IllegalStateException.class, () -> new SlotOrder((a, b) -> a - b, slot -> 0).remove(3));
  }
}
