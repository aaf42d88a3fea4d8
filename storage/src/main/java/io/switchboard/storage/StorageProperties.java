package io.switchboard.storage;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where MongoDB is. The all-in-one launcher points this at its embedded server; production at a replica set
 * or a sharded cluster.
 */
@ConfigurationProperties("switchboard.mongodb")
public record StorageProperties(
    @DefaultValue("mongodb://127.0.0.1:27017") @NotBlank String uri,
    @DefaultValue("switchboard") @NotBlank String database) {}
