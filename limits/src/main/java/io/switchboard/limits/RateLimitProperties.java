package io.switchboard.limits;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every rate limit ({@code switchboard.limits.*}), each a token bucket written {@code <capacity>/<period>}.
 * The buckets live in Redis, so they hold across every edge and every instance of a service.
 *
 * @param enabled off only for tools and tests that must not touch Redis
 * @param keyPrefix prefix of every bucket's Redis key, so deployments (and test runs) sharing a Redis keep
 *     apart
 * @param messages {@code send} frames per device
 * @param loginsPerAccount login attempts per username, right or wrong
 * @param loginsPerAddress login attempts per client address
 * @param signupsPerAddress sign-ups per client address
 * @param httpPerToken authenticated HTTP calls (WebSocket handshakes included) per device, that is per
 *     access token and every later token of the same device
 * @param abuseRefusals a socket refused this many times within {@code abuseWindow} is closed (4029): a
 *     client that honours {@code retryAfterMs} never gets there
 * @param abuseWindow see {@code abuseRefusals}
 */
@Validated
@ConfigurationProperties("switchboard.limits")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("switchboard:limits:") @NotBlank String keyPrefix,
    @DefaultValue("30/10s") RateLimit messages,
    @DefaultValue("10/5m") RateLimit loginsPerAccount,
    @DefaultValue("50/5m") RateLimit loginsPerAddress,
    @DefaultValue("10/1h") RateLimit signupsPerAddress,
    @DefaultValue("300/1m") RateLimit httpPerToken,
    @DefaultValue("50") @Min(1) int abuseRefusals,
    @DefaultValue("1m") Duration abuseWindow) {}
