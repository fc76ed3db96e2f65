/** The skinshark live market as its owners document it: tickets, the snapshot and the socket. */
package org.tradewatch.simulator.skinshark;
