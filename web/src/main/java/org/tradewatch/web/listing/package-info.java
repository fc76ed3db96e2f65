/** The listings REST API: search, one listing with its history, and their JSON form. */
package org.tradewatch.web.listing;
