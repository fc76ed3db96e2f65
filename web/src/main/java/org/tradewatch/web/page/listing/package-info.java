/** The public listing pages: the searchable, live-updated list of listings and one listing. */
package org.tradewatch.web.page.listing;
