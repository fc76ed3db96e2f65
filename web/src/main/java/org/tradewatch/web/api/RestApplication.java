package org.tradewatch.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** Every REST endpoint lives under /api. */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Tradewatch",
            version = "0.1",
            description =
                "Live, queryable marketplace listings from backpack.tf (and skinshark), and the"
                    + " state of the upstream streams."))
public class RestApplication extends Application {}
