/**
 * What every page shares: the Thymeleaf engine, the layout's variables, CSRF tokens, the security
 * headers and the form-login mechanism.
 */
package org.tradewatch.web.page;
