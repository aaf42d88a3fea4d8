package io.switchboard.accounts.device;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxPerAccount devices an account may be signed in on at once; a login that would add one more is
 *     refused until the user signs one out (WhatsApp allows 5 companions, Messenger more; 10 is a middle)
 */
@Validated
@ConfigurationProperties("switchboard.accounts.devices")
public record DeviceProperties(@DefaultValue("10") @Min(1) @Max(1000) int maxPerAccount) {}
