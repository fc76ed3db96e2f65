/**
 * Running upstream streams: the ingest pipeline, each stream's live state, and its REST and health
 * views.
 */
package org.tradewatch.web.stream;
