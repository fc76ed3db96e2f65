package org.tradewatch.simulator.bptf.stream;

import java.util.Map;

/**
 * A consistent snapshot of what the stream has written since it was last (re)started. Every count
 * is per delivery: a frame written to two connections counts twice.
 *
 * @param framesSent text frames written, malformed and client-limit-exceeded ones included
 * @param eventsSent well-formed events written, the sum of {@code eventsByType}
 * @param malformedFramesSent frames written by the malformed-frame control
 * @param eventsByType well-formed events written, by event name
 * @param lastEventId the id of the last market event written, or null
 * @param lastListingId the listing that last event is about, or null
 * @param streamEvents market events delivered to at least one connection (what {@code total}
 *     limits)
 * @param openConnections connections open now
 * @param connectionsAccepted connections accepted
 * @param connectionsRefused connections refused with {@code client-limit-exceeded}
 * @param handshakesRefused handshakes refused (503) while restarting
 * @param paused whether generation is paused
 * @param completed whether {@code total} events have been delivered
 * @param settings the set-up in force
 */
public record StreamStats(
    long framesSent,
    long eventsSent,
    long malformedFramesSent,
    Map<String, Long> eventsByType,
    String lastEventId,
    String lastListingId,
    long streamEvents,
    int openConnections,
    long connectionsAccepted,
    long connectionsRefused,
    long handshakesRefused,
    boolean paused,
    boolean completed,
    StreamSettings settings) {}
