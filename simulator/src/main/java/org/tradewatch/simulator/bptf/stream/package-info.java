/** The backpack.tf events socket: connections, pacing, frames and the exact delivery counters. */
package org.tradewatch.simulator.bptf.stream;
