/** Tradewatch's domain and rules in plain Java: no container, no database. */
package org.tradewatch.core;
