/** A user's webhook: its URL rules, the signature of what is sent, retries, and its store. */
package org.tradewatch.core.webhook;
