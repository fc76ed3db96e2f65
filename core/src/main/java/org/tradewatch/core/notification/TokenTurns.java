package org.tradewatch.core.notification;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Turns per token for what goes upstream or writes a token's copy, so that a token's upstream calls
 * and writes happen one at a time on this instance. By stripe rather than one lock per token: the
 * number of locks stays fixed however many tokens come and go, and a slow upstream call delays only
 * the tokens of its stripe.
 */
final class TokenTurns {

  static final int STRIPES = 256;

  private final ReentrantLock[] turns = new ReentrantLock[STRIPES];

  TokenTurns() {
    for (int i = 0; i < STRIPES; i++) {
      turns[i] = new ReentrantLock();
    }
  }

  ReentrantLock of(TokenHash hash) {
    return turns[stripe(hash)];
  }

  <T> T inTurn(TokenHash hash, Supplier<T> work) {
    ReentrantLock turn = of(hash);
    turn.lock();
    try {
      return work.get();
    } finally {
      turn.unlock();
    }
  }

  static int stripe(TokenHash hash) {
    return Math.floorMod(hash.hex().hashCode(), STRIPES);
  }
}
