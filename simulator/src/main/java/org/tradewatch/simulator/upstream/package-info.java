/**
 * The upstream services' own REST paths (skinshark's and backpack.tf's APIs), at the context root.
 */
package org.tradewatch.simulator.upstream;
