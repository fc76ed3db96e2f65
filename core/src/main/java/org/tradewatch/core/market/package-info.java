/**
 * The market model: every listing's searchable state held in memory as primitive columns, with kept
 * sort orders and counts, answering searches with exact totals and the ingest's version checks, and
 * keeping every item's order book.
 */
package org.tradewatch.core.market;
