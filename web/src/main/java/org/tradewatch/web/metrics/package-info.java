/**
 * Tradewatch's metrics for operators, registered in MicroProfile Metrics' application scope and
 * read from the counts the components already keep.
 */
package org.tradewatch.web.metrics;
