package org.tradewatch.simulator.upstream;

import java.util.ArrayList;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Leaves the simulator's OpenAPI document empty. Payara merges every application's document into
 * the one {@code /openapi} of the server, and the demo deploys the simulator beside Tradewatch,
 * whose document must list only Tradewatch's server and paths: the simulator's server was listed
 * beside Tradewatch's, and its {@code /api/notifications/...} operations were merged into
 * Tradewatch's. The upstreams' APIs are described in {@code specs/}, not here. Scanning is off too
 * ({@code mp.openapi.scan.disable}), so there are no paths; this removes the server and the default
 * title that Payara adds.
 */
public class NoOpenApiDocument implements OASFilter {

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    openAPI.setServers(new ArrayList<>());
    openAPI.setInfo(null);
  }
}
