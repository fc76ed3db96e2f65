package org.tradewatch.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Clients that each poll one path on one keep-alive HTTP/1.1 connection, once a period from a
 * random phase, waiting for each answer before the next poll (an answer slower than the period is
 * followed by the next poll at once). All of them run on the calling thread, over one selector.
 *
 * <p>Why not the JDK's HttpClient: on the two cores the benchmark shares with the server, the
 * HttpClient spent nearly as much CPU per request as the server it measured (0.8 of a core at 700
 * requests/s), so it measured mostly itself. This costs a few microseconds a request. It reads what
 * Payara sends (a body framed by Content-Length or chunked) and nothing more.
 */
final class PollingLoad {

  /**
   * What the clients saw after the warm-up.
   *
   * @param latencyMillis every answer's time from the request written to the answer read, sorted
   * @param byStatus answers by HTTP status
   * @param failures requests that got no answer (connection refused, reset, closed), by kind
   * @param unanswered requests still waiting when the run ended (after a grace period)
   * @param seconds the measured stretch's length
   * @param slowBySecond answers slower than the threshold, by the second of the measured stretch
   *     their request was sent in: whether slow answers are spread out or come in bursts
   */
  record Result(
      double[] latencyMillis,
      Map<Integer, Long> byStatus,
      Map<String, Long> failures,
      long unanswered,
      double seconds,
      Map<Long, Long> slowBySecond) {}

  private static final Duration GRACE = Duration.ofSeconds(30);

  private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final InetSocketAddress server;
  private final List<String> paths;
  private final long periodNanos;
  private final long slowNanos;

  /**
   * @param paths one per client: the request target, such as {@code /api/x?token=...}
   * @param slow answers slower than this are counted by second in {@link Result#slowBySecond}
   */
  PollingLoad(InetSocketAddress server, List<String> paths, Duration period, Duration slow) {
    this.server = server;
    this.paths = List.copyOf(paths);
    this.periodNanos = period.toNanos();
    this.slowNanos = slow.toNanos();
  }

  /** Polls for {@code warmup} without measuring, then for {@code measured}. */
  Result run(Duration warmup, Duration measured) throws IOException {
    try (Selector selector = Selector.open()) {
      Run run = new Run(selector, warmup, measured);
      return run.go();
    }
  }

  private final class Run {
    private final Selector selector;
    private final long started = System.nanoTime();
    private final long measureFrom;
    private final long end;
    private final PriorityQueue<Client> due =
        new PriorityQueue<>(Comparator.comparingLong(c -> c.nextAt));
    private final Map<Integer, Long> byStatus = new TreeMap<>();
    private final Map<String, Long> failures = new TreeMap<>();
    private final Map<Long, Long> slowBySecond = new TreeMap<>();
    private long[] latencyNanos = new long[1 << 16];
    private int latencies;
    private int inFlight;

    Run(Selector selector, Duration warmup, Duration measured) {
      this.selector = selector;
      this.measureFrom = started + warmup.toNanos();
      this.end = measureFrom + measured.toNanos();
    }

    Result go() throws IOException {
      String host = "Host: " + server.getHostString() + ":" + server.getPort() + "\r\n";
      for (String path : paths) {
        byte[] request =
            ("GET " + path + " HTTP/1.1\r\n" + host + "Accept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Client client = new Client(request);
        client.nextAt = started + ThreadLocalRandom.current().nextLong(periodNanos);
        due.add(client);
      }
      long deadline = end + GRACE.toNanos();
      while (true) {
        long now = System.nanoTime();
        while (!due.isEmpty() && due.peek().nextAt <= now) {
          Client client = due.poll();
          if (now < end) {
            send(client, now);
          }
        }
        if ((due.isEmpty() && inFlight == 0) || now >= deadline) {
          break;
        }
        long waitNanos = (due.isEmpty() ? deadline : due.peek().nextAt) - now;
        if (waitNanos < 1_000_000) {
          selector.selectNow();
        } else {
          selector.select(waitNanos / 1_000_000);
        }
        var keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          ready((Client) key.attachment(), key);
        }
      }
      for (SelectionKey key : selector.keys()) {
        key.channel().close();
      }
      long[] measured = Arrays.copyOf(latencyNanos, latencies);
      Arrays.sort(measured);
      return new Result(
          Arrays.stream(measured).mapToDouble(n -> n / 1e6).toArray(),
          byStatus,
          failures,
          inFlight,
          (end - measureFrom) / 1e9,
          slowBySecond);
    }

    private void send(Client client, long now) {
      inFlight++;
      client.sentAt = now;
      try {
        if (client.channel == null) {
          client.connect();
        }
        client.out = ByteBuffer.wrap(client.request);
        client.inLength = 0;
        client.channel.write(client.out);
        client.key.interestOps(
            client.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
      } catch (IOException e) {
        failed(client, e, now);
      }
    }

    private void ready(Client client, SelectionKey key) {
      long now = System.nanoTime();
      try {
        if (key.isWritable()) {
          client.channel.write(client.out);
          if (!client.out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_READ);
          }
        } else if (key.isReadable()) {
          if (!client.read()) {
            throw new IOException("closed by the server");
          }
          int status = client.answered();
          if (status > 0) {
            answered(client, status, now);
          }
        }
      } catch (IOException e) {
        failed(client, e, now);
      }
    }

    private void answered(Client client, int status, long now) {
      inFlight--;
      client.key.interestOps(0);
      if (client.sentAt >= measureFrom) {
        byStatus.merge(status, 1L, Long::sum);
        if (latencies == latencyNanos.length) {
          latencyNanos = Arrays.copyOf(latencyNanos, latencies * 2);
        }
        latencyNanos[latencies++] = now - client.sentAt;
        if (now - client.sentAt > slowNanos) {
          slowBySecond.merge((client.sentAt - measureFrom) / 1_000_000_000L, 1L, Long::sum);
        }
      }
      if (client.closeAfter) {
        client.close();
      }
      next(client, now);
    }

    private void failed(Client client, IOException e, long now) {
      inFlight--;
      String kind = e.getClass().getSimpleName();
      if (e.getMessage() != null && e.getClass() == IOException.class) {
        kind = e.getMessage().replace(' ', '_').toLowerCase(Locale.ROOT);
      }
      failures.merge(kind, 1L, Long::sum);
      client.close();
      next(client, now);
    }

    private void next(Client client, long now) {
      client.nextAt = Math.max(client.sentAt + periodNanos, now);
      due.add(client);
    }

    /** One client's connection and the answer it is reading. */
    private final class Client {
      final byte[] request;
      SocketChannel channel;
      SelectionKey key;
      ByteBuffer out;
      byte[] in = new byte[8192];
      int inLength;
      long sentAt;
      long nextAt;
      boolean closeAfter;

      Client(byte[] request) {
        this.request = request;
      }

      void connect() throws IOException {
        channel = SocketChannel.open(server);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        key = channel.register(selector, 0, this);
        closeAfter = false;
      }

      void close() {
        if (channel != null) {
          try {
            channel.close();
          } catch (IOException ignored) {
            // closing a connection that already failed
          }
        }
        channel = null;
        key = null;
      }

      /** Reads what has arrived; false when the server closed the connection. */
      boolean read() throws IOException {
        while (true) {
          if (inLength == in.length) {
            in = Arrays.copyOf(in, in.length * 2);
          }
          int n = channel.read(ByteBuffer.wrap(in, inLength, in.length - inLength));
          if (n < 0) {
            return false;
          }
          if (n == 0) {
            return true;
          }
          inLength += n;
        }
      }

      /** The answer's status once it has arrived whole, else 0. */
      int answered() throws IOException {
        int headersEnd = indexOf(in, 0, inLength, HEADERS_END);
        if (headersEnd < 0) {
          return 0;
        }
        String head = new String(in, 0, headersEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
          throw new IOException("not an HTTP answer");
        }
        int status = Integer.parseInt(statusLine[1]);
        long contentLength = -1;
        boolean chunked = false;
        closeAfter = false;
        for (int i = 1; i < lines.length; i++) {
          int colon = lines[i].indexOf(':');
          if (colon < 0) {
            continue;
          }
          String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
          String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
          switch (name) {
            case "content-length" -> contentLength = Long.parseLong(value);
            case "transfer-encoding" -> chunked = value.contains("chunked");
            case "connection" -> closeAfter = value.contains("close");
            default -> {}
          }
        }
        int body = headersEnd + 4;
        if (chunked) {
          return chunkedComplete(body) ? status : 0;
        }
        if (contentLength >= 0) {
          return inLength - body >= contentLength ? status : 0;
        }
        if (status == 204 || status == 304 || status / 100 == 1) {
          return status;
        }
        throw new IOException("an answer framed by closing the connection");
      }

      private boolean chunkedComplete(int from) throws IOException {
        int at = from;
        while (true) {
          int lineEnd = indexOf(in, at, inLength, CRLF);
          if (lineEnd < 0) {
            return false;
          }
          String size = new String(in, at, lineEnd - at, StandardCharsets.ISO_8859_1);
          int extension = size.indexOf(';');
          int length;
          try {
            length =
                Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
          } catch (NumberFormatException e) {
            throw new IOException("a bad chunk size");
          }
          if (length == 0) {
            // No trailers from Payara: the last chunk is followed by an empty line.
            return inLength >= lineEnd + 4;
          }
          at = lineEnd + 2 + length + 2;
          if (at > inLength) {
            return false;
          }
        }
      }
    }
  }

  private static int indexOf(byte[] bytes, int from, int to, byte[] wanted) {
    outer:
    for (int i = from; i <= to - wanted.length; i++) {
      for (int j = 0; j < wanted.length; j++) {
        if (bytes[i + j] != wanted[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
