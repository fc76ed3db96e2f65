package org.tradewatch.web.page;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import jakarta.servlet.ServletContext;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The warm-up renders the pages that need no data without a request, and without failing. */
class PagesWarmTest {

  private static final Path WEBAPP = Path.of("src/main/webapp");

  /** A servlet context that serves the WAR's files from the source tree. */
  private static ServletContext webapp() {
    return (ServletContext)
        Proxy.newProxyInstance(
            PagesWarmTest.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, arguments) ->
                switch (method.getName()) {
                  case "getResourceAsStream" -> {
                    Path file = WEBAPP.resolve(((String) arguments[0]).substring(1));
                    InputStream in = Files.exists(file) ? Files.newInputStream(file) : null;
                    yield in;
                  }
                  case "getResource" -> {
                    Path file = WEBAPP.resolve(((String) arguments[0]).substring(1));
                    yield Files.exists(file) ? file.toUri().toURL() : null;
                  }
                  case "getContextPath" -> "";
                  case "getAttributeNames", "getInitParameterNames" ->
                      Collections.emptyEnumeration();
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == arguments[0];
                  case "toString" -> "test servlet context";
                  default -> null;
                });
  }

  @Test
  void thePagesThatNeedNoDataRenderWithoutARequest() {
    Pages pages = new Pages();
    ServletContext context = webapp();
    assertDoesNotThrow(() -> pages.warm(context));
    assertDoesNotThrow(() -> pages.warm(context), "and again, from the template cache");
  }
}
