/** Each stream's lifetime counters kept in the database, behind core's stream status port. */
package org.tradewatch.persistence.status;
