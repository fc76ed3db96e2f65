/**
 * Accounts in the container: registration and login, the identity store, the token key, and the
 * stored backpack.tf token as the notifications proxy's token source.
 */
package org.tradewatch.web.account;
