/**
 * The market model: every listing's searchable state held in memory as primitive columns, with kept
 * sort orders and counts, answering searches with exact totals and the ingest's version checks.
 *
 * <p>Where to start: {@link org.tradewatch.core.market.MarketModel} is the whole API. {@code
 * ListingTable} holds the columns (one slot per listing, ids in {@code IdArena}, names and
 * qualities in {@code Dictionary}); {@code SlotOrder} keeps the value, updated and key orders;
 * {@code Counts} answers totals without a scan where it can; {@code Search} plans and runs one
 * query with a {@code Filter}.
 */
package org.tradewatch.core.market;
