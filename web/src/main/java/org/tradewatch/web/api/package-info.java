/** The JAX-RS application and the JSON error shape every endpoint answers with. */
package org.tradewatch.web.api;
