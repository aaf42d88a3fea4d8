package io.switchboard.presence;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How presence is kept.
 *
 * @param lease how long a device counts as connected after its edge last vouched for it; a device whose edge
 *     died turns offline at most {@code lease + sweepInterval} later
 * @param sweepInterval how often each edge looks for lapsed leases; defaults to a third of the lease
 * @param keyPrefix prefix of every Redis key presence uses, so several deployments (or test runs) can share
 *     one Redis
 */
@Validated
@ConfigurationProperties("switchboard.presence")
public record PresenceProperties(
    @DefaultValue("30s") Duration lease,
    Duration sweepInterval,
    @DefaultValue("switchboard:presence:") @NotBlank String keyPrefix) {

  public PresenceProperties {
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("switchboard.presence.lease must be at least 1s");
    }
    if (sweepInterval == null || sweepInterval.isZero() || sweepInterval.isNegative()) {
      sweepInterval = lease.dividedBy(3);
    }
  }

  /** How often an edge renews the leases of its devices: three renewals per lease, so one lost write is harmless. */
  public Duration renewInterval() {
    return lease.dividedBy(3);
  }
}
