package org.tradewatch.web.notification;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The token as integrators pass it to upstream: the {@code token} query parameter. */
@ApplicationScoped
public class QueryTokenSource implements TokenSource {

  @Override
  public Optional<String> token(String tokenParameter) {
    return tokenParameter == null || tokenParameter.isBlank()
        ? Optional.empty()
        : Optional.of(tokenParameter.trim());
  }
}
