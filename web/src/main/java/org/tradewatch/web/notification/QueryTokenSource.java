package org.tradewatch.web.notification;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The token as integrators pass it to upstream: the {@code token} query parameter. Replaced as the
 * {@link TokenSource} by {@link org.tradewatch.web.account.AccountTokenSource}, which applies this
 * rule first.
 */
@ApplicationScoped
public class QueryTokenSource implements TokenSource {

  @Override
  public Optional<String> token(String tokenParameter) {
    return tokenParameter == null || tokenParameter.isBlank()
        ? Optional.empty()
        : Optional.of(tokenParameter.trim());
  }
}
