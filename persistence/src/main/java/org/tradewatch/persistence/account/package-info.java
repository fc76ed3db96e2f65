/**
 * User accounts and their encrypted backpack.tf tokens in JPA, behind core's account store port.
 */
package org.tradewatch.persistence.account;
