/** Rejected upstream input kept in the database, behind core's quarantine port. */
package org.tradewatch.persistence.quarantine;
