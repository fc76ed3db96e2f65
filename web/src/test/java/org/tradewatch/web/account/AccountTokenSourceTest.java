package org.tradewatch.web.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewatch.core.account.TokenCipher;
import org.tradewatch.web.notification.QueryTokenSource;

class AccountTokenSourceTest {

  private static final String STORED = "5904cbeb0e2cad7f621c0a85";
  private static final String GIVEN = "0123456789abcdef01234567";

  private final CallerOnly security = new CallerOnly();
  private final InMemoryAccountStore store = new InMemoryAccountStore();
  private final AccountTokenSource source = new AccountTokenSource();

  @BeforeEach
  void create() {
    Accounts accounts = new Accounts();
    accounts.store = store;
    accounts.passwordHash = new JdkPbkdf2PasswordHash();
    accounts.cipher = new TokenCipher(TokenCipher.newKey());
    accounts.uses = new TokenUses();
    accounts.uses.store = store;
    accounts.initialize();
    accounts.register("Alice", "correct horse battery".toCharArray());
    accounts.register("Bob", "correct horse battery".toCharArray());
    accounts.saveToken("Alice", STORED);
    source.parameter = new QueryTokenSource();
    source.security = security;
    source.accounts = accounts;
  }

  @Test
  void theParameterWinsForEveryone() {
    assertEquals(Optional.of(GIVEN), source.token(" " + GIVEN + " "));
    security.caller = () -> "Alice";
    assertEquals(Optional.of(GIVEN), source.token(GIVEN));
  }

  @Test
  void withoutAParameterALoggedInUserActsWithTheirStoredToken() {
    security.caller = () -> "Alice";
    assertEquals(Optional.of(STORED), source.token(null));
    assertEquals(Optional.of(STORED), source.token("  "));
  }

  @Test
  void otherwiseThereIsNoToken() {
    assertEquals(Optional.empty(), source.token(null), "not logged in");
    security.caller = () -> "Bob";
    assertEquals(Optional.empty(), source.token(""), "no token stored");
  }

  @Test
  void aStoredTokenThatCannotBeDecryptedCountsAsNone() {
    store.setToken("bob", store.find("alice").orElseThrow().token().orElseThrow());
    security.caller = () -> "Bob";
    assertEquals(Optional.empty(), source.token(null));
  }

  /** Knows the caller, nothing else: it is all the token source asks. */
  private static final class CallerOnly implements SecurityContext {
    Principal caller;

    @Override
    public Principal getCallerPrincipal() {
      return caller;
    }

    @Override
    public <T extends Principal> Set<T> getPrincipalsByType(Class<T> type) {
      throw new IllegalStateException("unexpected call");
    }

    @Override
    public boolean isCallerInRole(String role) {
      throw new IllegalStateException("unexpected call");
    }

    @Override
    public boolean hasAccessToWebResource(String resource, String... methods) {
      throw new IllegalStateException("unexpected call");
    }

    @Override
    public AuthenticationStatus authenticate(
        HttpServletRequest request,
        HttpServletResponse response,
        AuthenticationParameters parameters) {
      throw new IllegalStateException("unexpected call");
    }
  }
}
