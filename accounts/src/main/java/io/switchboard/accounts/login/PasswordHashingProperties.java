package io.switchboard.accounts.login;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The cost of one Argon2id hash. The defaults are Spring Security's current recommendation (16 MiB, 2 passes,
 * one lane) and should stay for any real deployment. Lowering them is for load tests that sign in thousands of
 * simulated devices; every stored hash carries its own parameters, so accounts made either way still log in.
 *
 * @param memoryKib memory per hash in KiB
 * @param iterations passes over that memory
 */
@Validated
@ConfigurationProperties("switchboard.accounts.password-hashing")
public record PasswordHashingProperties(
    @DefaultValue("16384") @Min(64) @Max(1048576) int memoryKib,
    @DefaultValue("2") @Min(1) @Max(10) int iterations) {

  public static PasswordHashingProperties defaults() {
    return new PasswordHashingProperties(16384, 2);
  }
}
