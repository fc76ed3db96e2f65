package org.tradewatch.web.account;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import java.util.logging.Logger;
import org.tradewatch.core.account.TokenCipherException;
import org.tradewatch.web.notification.QueryTokenSource;
import org.tradewatch.web.notification.TokenSource;

/**
 * The token of a request: the {@code token} parameter when one is given (integrators, as upstream),
 * otherwise the token stored in the logged-in user's account.
 *
 * <p>An enabled alternative, so every {@link TokenSource} injection gets this instead of {@link
 * QueryTokenSource}. It implements the interface rather than extending that class: a subclass would
 * also be a {@code QueryTokenSource}, and the injection below would resolve to itself.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 10)
@RequestScoped
public class AccountTokenSource implements TokenSource {

  private static final Logger LOG = Logger.getLogger(AccountTokenSource.class.getName());

  @Inject QueryTokenSource parameter;

  @Inject SecurityContext security;

  @Inject Accounts accounts;

  @Override
  public Optional<String> token(String tokenParameter) {
    Optional<String> given = parameter.token(tokenParameter);
    if (given.isPresent()) {
      return given;
    }
    Principal caller = security.getCallerPrincipal();
    if (caller == null) {
      return Optional.empty();
    }
    try {
      return accounts.token(caller.getName());
    } catch (TokenCipherException e) {
      // The request is answered as one without a token (401); the user re-enters it.
      LOG.warning(
          () ->
              "The stored backpack.tf token of "
                  + caller.getName()
                  + " cannot be decrypted ("
                  + e.getMessage()
                  + "); was the token key replaced? The user has to enter the token again");
      return Optional.empty();
    }
  }
}
