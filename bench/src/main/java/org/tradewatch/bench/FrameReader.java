package org.tradewatch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.tradewatch.core.stream.DecodedFrame;
import org.tradewatch.core.stream.bptf.BptfFrameDecoder;

/**
 * Reads the simulator's backpack.tf socket in this JVM, decoding each frame with Tradewatch's own
 * decoder and handing it over on the socket's thread; the next frame is asked for only when the
 * handler returns, so the simulator sends exactly as fast as the handler takes them.
 */
final class FrameReader {

  private FrameReader() {}

  /**
   * The simulator's options for a run of {@code events} backpack.tf events in frames of 500, as
   * fast as they are taken, the same every run (seeded, synthetic clock); skinshark quiet.
   */
  static List<String> fullSpeed(long events) {
    return List.of(
        "-Dsimulator.bptf.events-per-second=0",
        "-Dsimulator.bptf.frame-size=500",
        "-Dsimulator.bptf.total=" + events,
        "-Dsimulator.bptf.clock=synthetic",
        "-Dsimulator.skinshark.events-per-second=0");
  }

  /**
   * Reads until {@code events} events were handled.
   *
   * @return events per second, from the first frame to the last handled
   * @throws java.util.concurrent.ExecutionException with what the handler threw, if it did
   */
  static double read(
      MicroServer simulator, long events, Consumer<DecodedFrame> handler, Duration patience)
      throws Exception {
    BptfFrameDecoder decoder = new BptfFrameDecoder();
    CompletableFuture<Double> done = new CompletableFuture<>();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();
          private long started;
          private long seen;

          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (started == 0) {
              started = System.nanoTime();
            }
            partial.append(data);
            if (last) {
              try {
                DecodedFrame frame = decoder.decode(partial.toString());
                partial.setLength(0);
                handler.accept(frame);
                seen += frame.size();
                if (seen >= events) {
                  done.complete(events / ((System.nanoTime() - started) / 1e9));
                }
              } catch (RuntimeException e) {
                done.completeExceptionally(e);
              }
            }
            socket.request(1);
            return null;
          }
        };
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("batch-test", "true")
            .buildAsync(URI.create("ws://127.0.0.1:" + simulator.port + "/events"), listener)
            .get(30, TimeUnit.SECONDS);
    try {
      return done.get(patience.toSeconds(), TimeUnit.SECONDS);
    } finally {
      socket.abort();
    }
  }
}
