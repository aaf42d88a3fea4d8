package io.switchboard.storage.group;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Group limits ({@code switchboard.groups.*}), read by the accounts service (which answers requests) and the
 * router (which applies changes), so both hold a group to the same size.
 *
 * @param maxMembers the most members a group may have; every message costs one publish per member (see
 *     docs/groups.md for how fan-out grows with it)
 * @param outcomeTimeout how long a membership call waits for the router to apply the change before it answers
 *     202 Accepted (the change is queued and will be applied)
 */
@Validated
@ConfigurationProperties("switchboard.groups")
public record GroupProperties(
    @DefaultValue("1000") @Min(2) @Max(100_000) int maxMembers,
    @DefaultValue("10s") @NotNull Duration outcomeTimeout) {}
