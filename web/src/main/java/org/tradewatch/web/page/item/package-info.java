/** The item pages: the searchable, live list of items and one item's order book and history. */
package org.tradewatch.web.page.item;
