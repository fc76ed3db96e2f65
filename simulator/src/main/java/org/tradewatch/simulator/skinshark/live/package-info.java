/**
 * The live-market socket, ticket checks and the CDI service that owns the market and its sockets.
 */
package org.tradewatch.simulator.skinshark.live;
