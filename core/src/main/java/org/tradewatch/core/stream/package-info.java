/**
 * Upstream stream frames turned into listing events: decoding, rejected input, reconnect back-off.
 */
package org.tradewatch.core.stream;
