/**
 * The backpack.tf notifications proxy: its REST resource, the upstream client and the token seam.
 */
package org.tradewatch.web.notification;
