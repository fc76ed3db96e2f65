/**
 * The market model: every listing's searchable state held in memory as primitive columns, with kept
 * sort orders and counts, answering searches with exact totals and the ingest's version checks.
 */
package org.tradewatch.core.market;
