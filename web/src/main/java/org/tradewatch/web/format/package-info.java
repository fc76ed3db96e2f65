/**
 * How prices and numbers are written, shared by the pages and the REST answers; it depends on
 * nothing else of the web module.
 */
package org.tradewatch.web.format;
