package org.tradewatch.simulator.bptf.stream;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A connection that keeps every frame written to it, for tests. */
final class RecordingConnection implements Connection {
  final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
  final List<String> all = new CopyOnWriteArrayList<>();
  final CountDownLatch closed = new CountDownLatch(1);
  volatile int closeCode;
  volatile boolean failSends;
  private final String address;
  private final boolean batchFormat;

  RecordingConnection(String address, boolean batchFormat) {
    this.address = address;
    this.batchFormat = batchFormat;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public boolean batchFormat() {
    return batchFormat;
  }

  @Override
  public void send(String text) throws IOException {
    if (failSends || closed.getCount() == 0) {
      throw new IOException("closed");
    }
    all.add(text);
    frames.add(text);
  }

  @Override
  public void close(int code, String reason) {
    if (closed.getCount() > 0) {
      closeCode = code;
      closed.countDown();
    }
  }

  /** The next frame, waiting up to five seconds. */
  String next() throws InterruptedException {
    String frame = frames.poll(5, TimeUnit.SECONDS);
    if (frame == null) {
      throw new AssertionError("no frame within 5 s on " + address);
    }
    return frame;
  }

  boolean awaitClosed() throws InterruptedException {
    return closed.await(5, TimeUnit.SECONDS);
  }
}
