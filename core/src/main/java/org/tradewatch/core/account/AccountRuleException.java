package org.tradewatch.core.account;

import java.util.Objects;

/**
 * An input that breaks an account rule. The message is written for the user and is safe to show as
 * it is: it never repeats a password or a token, because pages echo it back and logs keep it.
 */
public class AccountRuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The username field of a form. */
  public static final String USERNAME = "username";

  /** The password field of a form. */
  public static final String PASSWORD = "password";

  /** The field of a form where a logged-in user confirms who they are with their password. */
  public static final String CURRENT_PASSWORD = "current";

  /** The backpack.tf token field of a form. */
  public static final String TOKEN = "token";

  private final String field;

  /**
   * @param field which input broke the rule, one of {@link #USERNAME}, {@link #PASSWORD}, {@link
   *     #CURRENT_PASSWORD}, {@link #TOKEN}, so a page can mark it
   * @param message what is wrong and what is allowed, for the user
   */
  public AccountRuleException(String field, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.field = Objects.requireNonNull(field, "field");
  }

  /**
   * Which input broke the rule: {@link #USERNAME}, {@link #PASSWORD}, {@link #CURRENT_PASSWORD} or
   * {@link #TOKEN}.
   */
  public String field() {
    return field;
  }
}
