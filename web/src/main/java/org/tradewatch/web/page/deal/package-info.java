/** The deals page: the open deals newest first, kept current over the live socket. */
package org.tradewatch.web.page.deal;
