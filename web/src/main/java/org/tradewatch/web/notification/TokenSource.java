package org.tradewatch.web.notification;

import java.util.Optional;

/**
 * Where the backpack.tf token of a request comes from. For now the {@code token} parameter, as
 * upstream; the pages issue supplies the token stored in a logged-in user's account by replacing
 * this bean (an alternative with a priority) rather than by touching the resource.
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
