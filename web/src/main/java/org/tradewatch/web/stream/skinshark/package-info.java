/** The skinshark live-market consumer: ticket, socket, snapshot sync and its health. */
package org.tradewatch.web.stream.skinshark;
