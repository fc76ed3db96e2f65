/**
 * Upstream stream frames turned into listing events: decoding element by element, fitting fields to
 * what the store holds, rejected input, reconnect back-off.
 */
package org.tradewatch.core.stream;
