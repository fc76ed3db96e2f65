package org.tradewatch.web.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.account.TokenCipher;

class AccountIdentityStoreTest {

  private static final String PASSWORD = "correct horse battery";

  private final AccountIdentityStore identityStore = new AccountIdentityStore();

  @BeforeEach
  void create() {
    Accounts accounts = new Accounts();
    accounts.store = new InMemoryAccountStore();
    accounts.passwordHash = new JdkPbkdf2PasswordHash();
    accounts.cipher = new TokenCipher(TokenCipher.newKey());
    accounts.initialize();
    accounts.register("Alice", PASSWORD.toCharArray());
    identityStore.accounts = accounts;
  }

  @Test
  void aRightPasswordGivesTheRegisteredNameInTheUserGroup() {
    UsernamePasswordCredential login = new UsernamePasswordCredential("alice", PASSWORD);
    CredentialValidationResult result = identityStore.validate(login);
    assertEquals(CredentialValidationResult.Status.VALID, result.getStatus());
    assertEquals("Alice", result.getCallerPrincipal().getName());
    assertEquals(Set.of("user"), result.getCallerGroups());
    assertEquals(PASSWORD, login.getPasswordAsString(), "the container's credential is left as is");
  }

  @Test
  void aWrongPasswordOrNameIsInvalid() {
    assertSame(
        CredentialValidationResult.INVALID_RESULT,
        identityStore.validate(new UsernamePasswordCredential("Alice", PASSWORD + "x")));
    assertSame(
        CredentialValidationResult.INVALID_RESULT,
        identityStore.validate(new UsernamePasswordCredential("bob", PASSWORD)));
  }

  @Test
  void otherKindsOfCredentialAreLeftToOtherStores() {
    assertSame(
        CredentialValidationResult.NOT_VALIDATED_RESULT,
        identityStore.validate(new Credential() {}));
  }
}
