/** Users' webhooks: their settings, the delivery of alerts to them, and the delivery log. */
package org.tradewatch.web.webhook;
