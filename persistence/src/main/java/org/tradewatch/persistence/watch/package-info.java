/** Watches and their alerts in JPA, behind the ports of {@code org.tradewatch.core.watch}. */
package org.tradewatch.persistence.watch;
