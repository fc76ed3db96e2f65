package org.tradewatch.core.notification;

/**
 * What the store knows of a token as a whole: when upstream last answered a search for it (the
 * polling window) and a version that changes with every write to its stored copy, so that an answer
 * computed from the copy can be known to be still current with one read.
 *
 * @param lastSearchAtMillis epoch milliseconds of upstream's last search answer; 0 when a change
 *     made the copy untrustworthy and the next search must go upstream
 * @param version changes whenever anything stored for the token changes
 */
public record TokenState(long lastSearchAtMillis, long version) {}
