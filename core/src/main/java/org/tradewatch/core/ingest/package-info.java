/**
 * The rules that turn decoded events into stored listings: dedupe, ordering, upsert, history,
 * quarantine.
 */
package org.tradewatch.core.ingest;
