/**
 * The state, counters and event rate of each upstream stream, and the port that keeps the counters
 * across restarts.
 */
package org.tradewatch.core.status;
