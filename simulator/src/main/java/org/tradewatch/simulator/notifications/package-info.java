/**
 * The backpack.tf notifications API as documented: inboxes per token, its control API and faults.
 */
package org.tradewatch.simulator.notifications;
