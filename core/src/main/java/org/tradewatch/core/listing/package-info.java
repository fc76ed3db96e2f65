/** Marketplace listings as Tradewatch keeps them, the queries over them, and their read port. */
package org.tradewatch.core.listing;
