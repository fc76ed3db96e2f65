/** Users' webhooks, their pending deliveries and delivery logs in JPA. */
package org.tradewatch.persistence.webhook;
