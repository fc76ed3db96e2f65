/** Items: what traders price as one thing, the key that names one, and an item's order book. */
package org.tradewatch.core.item;
