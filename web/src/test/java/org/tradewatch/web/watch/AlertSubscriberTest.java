package org.tradewatch.web.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertSubscriberTest {

  private final List<String> sent = new ArrayList<>();
  private final List<SendHandler> pending = new ArrayList<>();
  private final List<CloseReason> closes = new ArrayList<>();

  private final Session session = session();

  private Session session() {
    RemoteEndpoint.Async remote =
        (RemoteEndpoint.Async)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class},
                (proxy, method, arguments) -> {
                  if (method.getName().equals("sendText") && arguments.length == 2) {
                    sent.add((String) arguments[0]);
                    pending.add((SendHandler) arguments[1]);
                    return null;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    return (Session)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, arguments) ->
                switch (method.getName()) {
                  case "getAsyncRemote" -> remote;
                  case "close" -> {
                    closes.add((CloseReason) arguments[0]);
                    yield null;
                  }
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private void complete() {
    pending.remove(0).onResult(new SendResult());
  }

  @Test
  void messagesGoOutOneAtATimeInOrderWithoutWaiting() {
    AlertSubscriber subscriber = new AlertSubscriber(session, "alice", 10, Runnable::run);
    subscriber.offer("a");
    subscriber.offer("b");
    subscriber.offer("c");
    assertEquals(List.of("a"), sent, "the next waits for the last to be written");
    complete();
    assertEquals(List.of("a", "b"), sent);
    complete();
    complete();
    assertEquals(List.of("a", "b", "c"), sent);
    subscriber.offer("d");
    assertEquals(List.of("a", "b", "c", "d"), sent, "nothing in flight: sent at once");
    assertEquals(List.of(), closes);
  }

  @Test
  void aClientThatLetsTooManyWaitIsClosed() {
    AlertSubscriber subscriber = new AlertSubscriber(session, "alice", 2, Runnable::run);
    subscriber.offer("a");
    subscriber.offer("b");
    subscriber.offer("c");
    assertEquals(List.of(), closes);
    subscriber.offer("d");
    assertEquals(1, closes.size());
    assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, closes.get(0).getCloseCode());
    complete();
    subscriber.offer("e");
    assertEquals(List.of("a"), sent, "nothing more once closed");
  }

  @Test
  void aFailedWriteEndsTheSubscriber() {
    AlertSubscriber subscriber = new AlertSubscriber(session, "alice", 10, Runnable::run);
    subscriber.offer("a");
    subscriber.offer("b");
    pending.remove(0).onResult(new SendResult(new java.io.IOException("gone")));
    subscriber.offer("c");
    assertEquals(List.of("a"), sent);
  }
}
