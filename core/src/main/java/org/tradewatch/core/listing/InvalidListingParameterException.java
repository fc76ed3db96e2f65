package org.tradewatch.core.listing;

/** A listing search parameter that breaks the rules; the message names it and what is allowed. */
public class InvalidListingParameterException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String parameter;

  public InvalidListingParameterException(String parameter, String message) {
    super(parameter + ": " + message);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
