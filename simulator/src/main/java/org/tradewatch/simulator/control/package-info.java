/** The JAX-RS application that hosts the simulator's control API and its JSON error mapping. */
package org.tradewatch.simulator.control;
