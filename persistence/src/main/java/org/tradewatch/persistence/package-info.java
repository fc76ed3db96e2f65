/** Creates the application's own persistence unit and checks that its database answers. */
package org.tradewatch.persistence;
