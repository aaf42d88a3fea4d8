package io.switchboard.push.provider;

/**
 * How a provider answered one notification: a value, not an exception, since every outcome is expected.
 *
 * @param reason the provider's status and reason, for logs and the dead-letter queue
 */
public record ProviderAnswer(Outcome outcome, String reason) {

  public enum Outcome {
    /** Taken by the provider. */
    DELIVERED,
    /** The token or subscription is gone for good: forget the target. */
    UNREGISTERED,
    /** Worth another try later: the provider is busy, failing or unreachable. */
    TRANSIENT_FAILURE,
    /** The provider refused this notification; trying again would not help. */
    REJECTED
  }

  public static ProviderAnswer delivered() {
    return new ProviderAnswer(Outcome.DELIVERED, "delivered");
  }

  public static ProviderAnswer unregistered(String reason) {
    return new ProviderAnswer(Outcome.UNREGISTERED, reason);
  }

  public static ProviderAnswer transientFailure(String reason) {
    return new ProviderAnswer(Outcome.TRANSIENT_FAILURE, reason);
  }

  public static ProviderAnswer rejected(String reason) {
    return new ProviderAnswer(Outcome.REJECTED, reason);
  }

  /** An HTTP status no provider-specific rule covered: 429 and 5xx are transient, other failures final. */
  static ProviderAnswer ofStatus(int status, String reason) {
    if (status >= 200 && status < 300) {
      return delivered();
    }
    String described = status + " " + reason;
    return status == 429 || status >= 500 ? transientFailure(described) : rejected(described);
  }
}
