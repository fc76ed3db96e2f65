/** The control API under {@code /control/skinshark} that tests and demos drive the market with. */
package org.tradewatch.simulator.skinshark.control;
