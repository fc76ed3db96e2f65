/** The state and counters of each upstream stream, and the port that keeps them across restarts. */
package org.tradewatch.core.status;
