package org.tradewatch.persistence.account;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.tradewatch.core.account.Account;
import org.tradewatch.core.account.AccountRules;
import org.tradewatch.core.account.StoredToken;
import org.tradewatch.persistence.EpochMicrosConverter;

/**
 * One account. The case-folded name is the primary key: it is what must be unique, and the
 * database's own key check is what keeps two simultaneous registrations of one name apart (no
 * generated id, and no sequence, which EclipseLink on H2 reports as a failure on every fresh
 * database).
 */
@Entity
@Table(name = "account")
public class AccountEntity {

  static final int HASH_LENGTH = 512;

  /** A v1 ciphertext of a 24-character token is 75 characters; room for longer ones later. */
  static final int CIPHERTEXT_LENGTH = 512;

  @Id
  @Column(name = "account_key", length = AccountRules.USERNAME_MAX)
  String accountKey;

  @Column(name = "username", length = AccountRules.USERNAME_MAX, nullable = false)
  String username;

  @Column(name = "password_hash", length = HASH_LENGTH, nullable = false)
  String passwordHash;

  @Column(name = "token_ciphertext", length = CIPHERTEXT_LENGTH)
  String tokenCiphertext;

  @Column(name = "token_last4", length = StoredToken.HINT_LENGTH)
  String tokenLast4;

  /**
   * When backpack.tf last answered a call made with the stored token; null when it never did since
   * the token was stored, and whenever no token is.
   */
  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "token_used_at")
  Instant tokenUsedAt;

  @Convert(converter = EpochMicrosConverter.class)
  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  protected AccountEntity() {}

  AccountEntity(Account account) {
    accountKey = account.key();
    username = account.username();
    passwordHash = account.passwordHash();
    tokenCiphertext = account.token().map(StoredToken::ciphertext).orElse(null);
    tokenLast4 = account.token().map(StoredToken::last4).orElse(null);
    tokenUsedAt = account.token().flatMap(StoredToken::lastUsedAt).orElse(null);
    createdAt = account.createdAt();
  }

  Account toAccount() {
    Optional<StoredToken> token =
        tokenCiphertext == null
            ? Optional.empty()
            : Optional.of(
                new StoredToken(tokenCiphertext, tokenLast4, Optional.ofNullable(tokenUsedAt)));
    return new Account(username, accountKey, passwordHash, token, createdAt);
  }
}
