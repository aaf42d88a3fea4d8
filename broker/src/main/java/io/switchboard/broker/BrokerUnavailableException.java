package io.switchboard.broker;

/** The broker did not confirm a publish (nack, timeout or lost channel): the message may not be durable. */
public final class BrokerUnavailableException extends RuntimeException {

  public BrokerUnavailableException(String message) {
    super(message);
  }

  public BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
