package org.tradewatch.simulator.bptf.stream;

/** A setting or control parameter with a value the simulator cannot use; names the parameter. */
public class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String parameter;

  public InvalidSettingException(String parameter, String problem) {
    super(parameter + " " + problem);
    this.parameter = parameter;
  }

  /** The name of the offending parameter. */
  public String parameter() {
    return parameter;
  }
}
