/** The market model of this instance: built at start, kept current, checkpointed. */
package org.tradewatch.web.market;
