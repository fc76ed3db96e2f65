/**
 * The database as the container sees it: the persistence unit built from configuration, its stores,
 * health and upkeep.
 */
package org.tradewatch.web.store;
