/** The live hub: every applied change as a delta, pushed to browsers' and integrators' sockets. */
package org.tradewatch.web.live;
