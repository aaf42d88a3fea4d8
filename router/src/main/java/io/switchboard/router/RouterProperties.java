package io.switchboard.router;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much the router works on at once.
 *
 * @param prefetch unacknowledged send commands the broker lets this router hold
 * @param partitions conversations are spread over this many sequential lanes: messages of one
 *     conversation are handled one after another, different lanes in parallel
 */
@Validated
@ConfigurationProperties("switchboard.router")
public record RouterProperties(
    @DefaultValue("256") @Min(1) @Max(65535) int prefetch,
    @DefaultValue("16") @Min(1) @Max(1024) int partitions) {}
