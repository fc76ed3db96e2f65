/** A stand-in for the upstream services Tradewatch consumes, speaking only their protocols. */
package org.tradewatch.simulator;
