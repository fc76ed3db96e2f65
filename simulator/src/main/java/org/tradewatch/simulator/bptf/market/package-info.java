/**
 * A seeded model of the backpack.tf classifieds market that writes its events in the upstream
 * shape.
 */
package org.tradewatch.simulator.bptf.market;
