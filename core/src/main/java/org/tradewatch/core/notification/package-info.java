/**
 * backpack.tf notifications: the request rules, the polling window and the ports to upstream and
 * store.
 */
package org.tradewatch.core.notification;
