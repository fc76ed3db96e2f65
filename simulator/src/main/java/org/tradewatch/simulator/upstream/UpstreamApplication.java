package org.tradewatch.simulator.upstream;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.tradewatch.simulator.control.ControlErrorMapper;
import org.tradewatch.simulator.control.WebApplicationErrorMapper;
import org.tradewatch.simulator.notifications.NotificationsResource;
import org.tradewatch.simulator.skinshark.MarketErrorMapper;
import org.tradewatch.simulator.skinshark.SkinsharkAuthResource;
import org.tradewatch.simulator.skinshark.SkinsharkMarketResource;

/**
 * The upstream APIs at the paths their owners use, relative to the context root. Classes are
 * listed, as in the control application, so that neither application picks up the other's
 * resources.
 */
@ApplicationPath("")
public class UpstreamApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        SimulatorIndexResource.class,
        ControlErrorMapper.class,
        WebApplicationErrorMapper.class,
        SkinsharkAuthResource.class,
        SkinsharkMarketResource.class,
        MarketErrorMapper.class,
        NotificationsResource.class);
  }
}
