/**
 * Benchmarks that run the real WAR and the simulator on Payara Micro and print what they measure.
 */
package org.tradewatch.bench;
