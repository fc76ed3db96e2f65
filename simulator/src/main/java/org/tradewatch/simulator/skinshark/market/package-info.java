/** The seeded skinshark market: listings, their changes and how a viewer's fee prices them. */
package org.tradewatch.simulator.skinshark.market;
