/**
 * The one place that starts Payara processes for tests and benchmarks: {@link
 * org.tradewatch.launcher.PayaraMicro} (a WAR in a Payara Micro JVM of its own, alone or clustered)
 * and {@link org.tradewatch.launcher.PayaraServer} (a domain of a full Payara Server, driven by
 * asadmin). The application's code never depends on it.
 */
package org.tradewatch.launcher;
