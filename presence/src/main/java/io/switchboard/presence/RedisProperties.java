package io.switchboard.presence;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Where Redis is: a single server or a Sentinel-managed primary (Lettuce URI syntax). */
@Validated
@ConfigurationProperties("switchboard.redis")
public record RedisProperties(@DefaultValue("redis://127.0.0.1:6379") @NotBlank String uri) {}
