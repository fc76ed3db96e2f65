/**
 * Watches a trader keeps on the market, the rules that match listing changes to them, and alerts.
 */
package org.tradewatch.core.watch;
