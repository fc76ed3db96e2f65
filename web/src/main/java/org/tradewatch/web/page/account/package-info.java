/**
 * The pages of an account: register, log in, log out, the settings (the stored token, the password,
 * deleting the account), and the binding of each logged-in session to the account it logged in to.
 */
package org.tradewatch.web.page.account;
