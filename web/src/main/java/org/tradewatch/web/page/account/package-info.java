/** The pages of an account: register, log in, log out, and the settings with the stored token. */
package org.tradewatch.web.page.account;
