/** The deals REST API and the JSON form of deals, which the live socket sends too. */
package org.tradewatch.web.deal;
