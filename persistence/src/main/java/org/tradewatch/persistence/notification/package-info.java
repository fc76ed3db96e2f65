/**
 * The stored copies of backpack.tf notifications, keyed by token hash, behind core's notification
 * store port.
 */
package org.tradewatch.persistence.notification;
