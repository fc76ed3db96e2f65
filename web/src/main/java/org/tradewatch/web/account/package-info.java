/**
 * Accounts in the container: registration, login, the password and deleting an account, the
 * identity store, the token key, and the stored backpack.tf token as the notifications proxy's
 * token source, with when it last worked.
 */
package org.tradewatch.web.account;
