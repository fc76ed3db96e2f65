package org.tradewatch.web.notification;

import java.util.Optional;

/**
 * Where the backpack.tf token of a request comes from. The bean in use is {@link
 * org.tradewatch.web.account.AccountTokenSource}, an alternative with a priority that replaces
 * {@link QueryTokenSource}: the {@code token} parameter when one is given (integrators, as
 * upstream), otherwise the token stored in the logged-in user's account. The resource only asks
 * this interface, so neither rule touches it.
 */
public interface TokenSource {

  /**
   * The token this request acts with.
   *
   * @param tokenParameter the request's {@code token} parameter, or null
   * @return empty when the request carries none
   */
  Optional<String> token(String tokenParameter);
}
