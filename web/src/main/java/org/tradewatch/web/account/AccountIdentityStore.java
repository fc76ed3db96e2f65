package org.tradewatch.web.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Arrays;
import java.util.Set;

/**
 * Jakarta Security's view of Tradewatch accounts: a username and password is valid when {@link
 * Accounts#authenticate} says so, and every account is in the group {@value #USER_GROUP}.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

  /** The one group every account has; pages require it. */
  public static final String USER_GROUP = "user";

  @Inject Accounts accounts;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    // Accounts wipes the array it is given; the credential belongs to the container, so it gets a
    // copy.
    char[] password = login.getPassword().getValue();
    return accounts
        .authenticate(login.getCaller(), Arrays.copyOf(password, password.length))
        .map(caller -> new CredentialValidationResult(caller, Set.of(USER_GROUP)))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }
}
