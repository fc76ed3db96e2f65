/** The WAR: the only module that knows the container; wires core and persistence to it. */
package org.tradewatch.web;
