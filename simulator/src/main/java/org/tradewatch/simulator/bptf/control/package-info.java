/** The HTTP control API of the backpack.tf events simulator. */
package org.tradewatch.simulator.bptf.control;
