package org.tradewatch.simulator.control;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.tradewatch.simulator.bptf.control.BptfControlResource;
import org.tradewatch.simulator.notifications.NotificationsControlResource;
import org.tradewatch.simulator.skinshark.MarketErrorMapper;
import org.tradewatch.simulator.skinshark.control.SkinsharkControlResource;

/**
 * The control API under {@code /control}, relative to the context root. The classes are listed so
 * that another JAX-RS application in this WAR (an upstream REST API at another path) does not pick
 * them up too.
 */
@ApplicationPath("control")
public class ControlApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        BptfControlResource.class,
        ControlErrorMapper.class,
        WebApplicationErrorMapper.class,
        SkinsharkControlResource.class,
        MarketErrorMapper.class,
        NotificationsControlResource.class);
  }
}
