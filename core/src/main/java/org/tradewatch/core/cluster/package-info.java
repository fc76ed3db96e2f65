/**
 * Running each source's consumer on exactly one instance of a cluster: a lease per source, kept in
 * the shared database, with an epoch that fences every write of a holder that lost it.
 */
package org.tradewatch.core.cluster;
