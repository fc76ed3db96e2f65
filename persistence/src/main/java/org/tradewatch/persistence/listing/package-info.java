/** Listings and their history in JPA: the entities, and the store behind core's listing ports. */
package org.tradewatch.persistence.listing;
