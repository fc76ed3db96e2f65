/**
 * Watches and alerts in the WAR: the REST resources, the watches this instance matches and keeps in
 * step with the database, the matching of applied changes off the ingest thread, and the purge.
 */
package org.tradewatch.web.watch;
