package org.tradewatch.web.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A test client of Tradewatch's live socket: keeps every message and how the socket closed. */
final class LiveClient implements WebSocket.Listener, AutoCloseable {

  final List<JsonObject> messages = new CopyOnWriteArrayList<>();
  final CompletableFuture<String> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  static LiveClient connect(String url) {
    return connect(url, java.util.Map.of());
  }

  /** Connects sending {@code headers} with the handshake (a session cookie, an origin). */
  static LiveClient connect(String url, java.util.Map<String, String> headers) {
    LiveClient client = new LiveClient();
    WebSocket.Builder builder =
        HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    headers.forEach(builder::header);
    client.socket =
        builder.buildAsync(URI.create(url), client).orTimeout(20, TimeUnit.SECONDS).join();
    return client;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try (JsonReader reader = Json.createReader(new StringReader(partial.toString()))) {
        messages.add(reader.readObject());
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode + " " + reason);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete("error " + error);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
    socket.abort();
  }

  /**
   * A client that completes the WebSocket handshake over a plain TCP socket and then reads nothing,
   * so that its receive buffer fills and TCP pushes back on the server, as a stalled or malicious
   * client does. Its receive buffer is kept small so that it fills at once. {@link #readToClose}
   * later reads what the server had sent it, up to the close frame.
   */
  static final class NeverReading implements AutoCloseable {

    /** What the server had sent a never-reading client, read once it starts reading. */
    record Received(int textFrames, int pings, int closeCode, String closeReason) {}

    private final Socket socket;
    private final InputStream in;

    private NeverReading(Socket socket, InputStream in) {
      this.socket = socket;
      this.in = in;
    }

    /** Opens {@code ws://127.0.0.1:port/path} and returns once the server has answered 101. */
    static NeverReading connect(int port, String pathAndQuery) {
      Socket socket = new Socket();
      try {
        socket.setReceiveBufferSize(8 * 1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(20_000);
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String request =
            "GET "
                + pathAndQuery
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        String head = head(in);
        if (!head.startsWith("HTTP/1.1 101")) {
          throw new IllegalStateException("no upgrade: " + head);
        }
        return new NeverReading(socket, in);
      } catch (IOException e) {
        try {
          socket.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw new UncheckedIOException(e);
      }
    }

    /** The response head, read byte by byte so that not one byte of the frames after it is. */
    private static String head(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < end.length) {
        int b = in.read();
        if (b < 0) {
          throw new EOFException("the server closed during the handshake: " + head);
        }
        head.write(b);
        matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
      }
      return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Starts reading: every frame the server sent, until its close frame, which must come within
     * {@code patience}. The client answers nothing, not even the pings.
     */
    Received readToClose(Duration patience) {
      long deadline = System.nanoTime() + patience.toNanos();
      int texts = 0;
      int pings = 0;
      try {
        DataInputStream frames = new DataInputStream(in);
        while (true) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError(
                "no close frame within " + patience + " (" + texts + " text frames read)");
          }
          socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
          int first = frames.readUnsignedByte();
          int second = frames.readUnsignedByte();
          long length = second & 0x7F;
          if (length == 126) {
            length = frames.readUnsignedShort();
          } else if (length == 127) {
            length = frames.readLong();
          }
          if ((second & 0x80) != 0) {
            throw new AssertionError("a server frame must not be masked");
          }
          byte[] payload = new byte[Math.toIntExact(length)];
          frames.readFully(payload);
          switch (first & 0x0F) {
            case 0x1, 0x0 -> texts += (first & 0x80) != 0 ? 1 : 0;
            case 0x9 -> pings++;
            case 0x8 -> {
              int code =
                  payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
              String reason =
                  payload.length > 2
                      ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
                      : "";
              return new Received(texts, pings, code, reason);
            }
            default -> {
              // Pongs and binary frames: the live socket sends neither; count nothing.
            }
          }
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError(
            "no close frame within " + patience + " (" + texts + " text frames read)", e);
      } catch (EOFException e) {
        throw new AssertionError(
            "the server closed the connection without a close frame after "
                + texts
                + " text frames",
            e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // Nothing to release beyond the socket.
      }
    }
  }
}
