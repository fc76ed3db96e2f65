package org.tradewatch.web.it;

import java.io.File;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every integration test against the deployed WAR shares: Arquillian, the WAR as the build
 * made it (with configuration of its own where a test needs it), the deployment's address and the
 * simulator's. Each test class still declares its own {@code @Deployment}, since Arquillian takes
 * one per class, by returning {@link #war()} or {@link #war(String, String...)}.
 */
@ExtendWith(ArquillianExtension.class)
abstract class DeployedIT {

  /** How long a test waits for what the application does in the background. */
  static final Duration PATIENCE = Duration.ofSeconds(90);

  @ArquillianResource URL base;

  /** The real WAR as it ships. */
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("tradewatch.war")));
  }

  /**
   * The real WAR with {@code properties} ({@code key=value}) in a MicroProfile Config file of a
   * higher ordinal than the build's system properties, in a library named {@code name}.
   */
  static WebArchive war(String name, String... properties) {
    JavaArchive config =
        ShrinkWrap.create(JavaArchive.class, name + "-config.jar")
            .addAsManifestResource(
                new StringAsset("config_ordinal=500\n" + String.join("\n", properties) + "\n"),
                "microprofile-config.properties");
    return war().addAsLibrary(config);
  }

  /**
   * The deployment's address on loopback, without a trailing slash: Arquillian names the host by
   * its machine name, but the server listens on 127.0.0.1 only.
   */
  String root() {
    return "http://127.0.0.1:" + base.getPort() + contextPath();
  }

  /** The context path the WAR is deployed at, e.g. {@code /tradewatch}. */
  String contextPath() {
    return base.getPath().replaceAll("/$", "");
  }

  /** A REST address: {@code api("listings?limit=1")}. */
  String api(String path) {
    return root() + "/api/" + path;
  }

  /** An address of the simulator the build started beside the server: {@code /control/...}. */
  static String simulator(String path) {
    return "http://127.0.0.1:" + System.getProperty("simulator.port") + path;
  }
}
