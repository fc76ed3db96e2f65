/**
 * backpack.tf notifications: the request rules, the polling and page-load rules, the answers kept
 * per token, and the ports to upstream and store.
 */
package org.tradewatch.core.notification;
