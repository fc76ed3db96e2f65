package org.tradewatch.simulator.bptf.stream;

/**
 * What a malformed frame held and how many connections took it.
 *
 * @param kind the kind of frame
 * @param variant for {@code event} frames, how the bad event is broken; null for {@code json}
 * @param validEvents the well-formed events in the frame (counted as sent)
 * @param malformedIndex the position of the bad event in the array; -1 for {@code json}
 * @param connections the connections the frame was written to
 * @param text the frame as sent
 */
public record MalformedFrame(
    MalformedKind kind,
    MalformedVariant variant,
    int validEvents,
    int malformedIndex,
    int connections,
    String text) {}
