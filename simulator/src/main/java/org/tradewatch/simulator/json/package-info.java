/** Fast, allocation-light writing of JSON text for the hot paths of the simulator. */
package org.tradewatch.simulator.json;
