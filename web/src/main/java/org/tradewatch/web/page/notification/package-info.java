/** The notifications page: a logged-in user's backpack.tf inbox and archive, and their actions. */
package org.tradewatch.web.page.notification;
