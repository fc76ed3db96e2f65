package org.tradewatch.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.tradewatch.web.api.ErrorMappers;
import org.tradewatch.web.api.ServerTiming;
import org.tradewatch.web.deal.DealsResource;
import org.tradewatch.web.item.ItemsResource;
import org.tradewatch.web.listing.ListingsResource;
import org.tradewatch.web.notification.NotificationsResource;
import org.tradewatch.web.notification.UpstreamFailureMapper;
import org.tradewatch.web.stream.StreamsResource;
import org.tradewatch.web.watch.AlertsResource;
import org.tradewatch.web.watch.WatchesResource;
import org.tradewatch.web.webhook.WebhookResource;

/**
 * Every REST endpoint lives under /api. The resources are listed rather than scanned: a scan also
 * picks up the MicroProfile REST Client interface for backpack.tf (it carries {@code @Path}), which
 * would publish a second, unvalidated route straight to upstream at {@code /api/api/...}.
 */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Tradewatch",
            version = "0.1",
            description =
                "Live, queryable marketplace listings from backpack.tf (and skinshark), and the"
                    + " state of the upstream streams."))
public class RestApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        ListingsResource.class,
        ItemsResource.class,
        DealsResource.class,
        StreamsResource.class,
        NotificationsResource.class,
        WatchesResource.class,
        AlertsResource.class,
        WebhookResource.class,
        ServerTiming.class,
        UpstreamFailureMapper.class,
        ErrorMappers.ApiExceptionMapper.class,
        ErrorMappers.WebApplicationExceptionMapper.class,
        ErrorMappers.UnexpectedExceptionMapper.class);
  }
}
