/** skinshark's live market: frame and snapshot decoding and the snapshot-plus-delta sync. */
package org.tradewatch.core.stream.skinshark;
