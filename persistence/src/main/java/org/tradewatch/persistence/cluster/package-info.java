/** The consumers' leases in JPA, and the fence every leased write passes. */
package org.tradewatch.persistence.cluster;
