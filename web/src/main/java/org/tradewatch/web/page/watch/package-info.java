/** The Watches page: a logged-in trader's watches, made, paused and deleted. */
package org.tradewatch.web.page.watch;
