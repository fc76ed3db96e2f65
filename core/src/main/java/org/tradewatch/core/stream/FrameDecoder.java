package org.tradewatch.core.stream;

/** Turns one upstream text frame into listing events. Implementations are thread-safe. */
public interface FrameDecoder {

  /**
   * Decodes a frame. Never throws on bad input: what cannot be decoded comes back in {@link
   * DecodedFrame#rejected()}, and the rest of the frame is still decoded.
   */
  DecodedFrame decode(String frame);
}
