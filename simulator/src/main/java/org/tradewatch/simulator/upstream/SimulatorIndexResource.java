package org.tradewatch.simulator.upstream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Says what this simulator plays and where, so a person who opens its root finds their way. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorIndexResource {

  @GET
  public JsonObject index() {
    return Json.createObjectBuilder()
        .add("simulator", "Tradewatch's stand-in for backpack.tf and skinshark on loopback")
        .add(
            "backpack.tf",
            Json.createObjectBuilder()
                .add("events", "WebSocket /events (header batch-test: true for batch frames)")
                .add("control", "/control/bptf/stats"))
        .build();
  }
}
