/** The public status page: each upstream stream's state and its recent throughput. */
package org.tradewatch.web.page.status;
