/** Black-box tests of the real WAR on Payara Micro, fed by the real simulator over real sockets. */
package org.tradewatch.web.it;
