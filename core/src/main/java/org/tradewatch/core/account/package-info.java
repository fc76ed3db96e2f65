/**
 * User accounts: the rules for names, passwords and stored backpack.tf tokens, the token cipher,
 * and the account store port.
 */
package org.tradewatch.core.account;
