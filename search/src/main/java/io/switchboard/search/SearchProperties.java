package io.switchboard.search;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param elasticsearchUri where Elasticsearch answers HTTP, e.g. {@code http://127.0.0.1:9200}
 * @param analyzer the analyzer of message bodies; {@code standard} exists everywhere, a production cluster can
 *     name a language analyzer ({@code english}); applies to indices created after it changes
 * @param indexPrefix monthly indices are {@code <prefix>-YYYY.MM}, searched through the alias {@code <prefix>}
 * @param indexCodec how indices created from now on store their documents ({@code index.codec}); unset, the
 *     cluster's default. The all-in-one launcher's embedded node sets {@code legacy_default} (see
 *     {@code EmbeddedInfrastructure})
 */
@Validated
@ConfigurationProperties("switchboard.search")
public record SearchProperties(
    @NotBlank String elasticsearchUri,
    @DefaultValue("standard") @NotBlank String analyzer,
    @DefaultValue("switchboard-messages") @NotBlank String indexPrefix,
    String indexCodec) {}
