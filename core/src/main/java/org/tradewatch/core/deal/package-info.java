/**
 * Deals: sell listings priced below their item's best buy order or well under its suggested price,
 * kept open by the market model as prices move, and how clients ask for them.
 */
package org.tradewatch.core.deal;
