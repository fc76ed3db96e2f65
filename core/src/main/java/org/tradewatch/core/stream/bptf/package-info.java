/** The backpack.tf events socket: its event ids and its frame format. */
package org.tradewatch.core.stream.bptf;
