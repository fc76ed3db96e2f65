/** The backpack.tf events socket consumer: one connection, back-off, watchdog. */
package org.tradewatch.web.stream.bptf;
