/** The items REST API: items with their best prices, one item's order book, and their JSON form. */
package org.tradewatch.web.item;
