package io.switchboard.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How access tokens are signed and how long they live ({@code switchboard.security.*}).
 *
 * <p>{@code token-secret} is the HMAC-SHA256 key, used as the UTF-8 bytes of the configured string exactly as
 * written: it is not base64-decoded. HS256 needs a key of at least 256 bits, so the secret must be at least
 * {@value #MIN_SECRET_LENGTH} characters (a character is never less than one byte). Every service that checks
 * tokens must share it. A good one: the output of {@code openssl rand -base64 48}, used as is. There is no
 * default, on purpose: a secret that ships with the code is no secret.
 *
 * <p>{@code token-ttl} is how long a token is accepted after it is issued (default 24h); a client logs in
 * again when it runs out.
 */
@Validated
@ConfigurationProperties("switchboard.security")
public record SecurityProperties(
    @NotNull @Size(min = SecurityProperties.MIN_SECRET_LENGTH) String tokenSecret,
    @DefaultValue("24h") @NotNull @DurationMin(seconds = 1) Duration tokenTtl) {

  /** 32 bytes is the HS256 minimum; characters are counted, and each is at least one byte in UTF-8. */
  public static final int MIN_SECRET_LENGTH = 32;

  byte[] tokenSecretBytes() {
    return tokenSecret.getBytes(StandardCharsets.UTF_8);
  }

  /** Configuration gets logged (failure analysis, actuator); the secret must never be. */
  @Override
  public String toString() {
    return "SecurityProperties[tokenSecret=<redacted>, tokenTtl=" + tokenTtl + "]";
  }
}
