package io.switchboard.search.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.search.SearchEnabled;
import io.switchboard.search.SearchProperties;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Where messages live in Elasticsearch: one index per month of {@code sentAt} ({@code switchboard-messages-2026.11}),
 * each created on its first write from one index template (explicit mapping, the configured analyzer, the search
 * alias). Growth adds indices rather than growing one: old months can be shrunk, moved to cheaper nodes or
 * closed, and a mapping change applies from the next month on. Searches go through the alias, over all months.
 *
 * <p>A message's index follows from its own {@code sentAt}, so indexing it again lands on the same document.
 */
@SearchEnabled
@Component
public class MessageIndex {

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);

  /** Shards of each monthly index; one suits a month of a small deployment, raise it with the traffic. */
  private static final int SHARDS_PER_INDEX = 1;

  /** How soon an indexed message becomes searchable. */
  private static final String REFRESH_INTERVAL = "1s";

  private final ElasticsearchAsyncClient client;
  private final SearchProperties properties;

  MessageIndex(ElasticsearchAsyncClient client, SearchProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  /** The alias every search goes through. */
  public String searchAlias() {
    return properties.indexPrefix();
  }

  public String indexFor(ChatMessage message) {
    return properties.indexPrefix() + "-" + MONTH.format(message.sentAt());
  }

  /** Creates or updates the index template; idempotent, every indexer does it on start. */
  public Mono<Void> ensureTemplate() {
    return Mono.fromFuture(() -> client.indices().putIndexTemplate(template -> template
            .name(properties.indexPrefix() + "-template")
            .indexPatterns(properties.indexPrefix() + "-*")
            .template(body -> body
                .settings(settings -> {
                  settings
                      .numberOfShards(String.valueOf(SHARDS_PER_INDEX))
                      // set explicitly, so a shard nobody searched for a while still refreshes on time (no
                      // "search idle" wait on the next search): this is the lag from stored to searchable
                      .refreshInterval(interval -> interval.time(REFRESH_INTERVAL));
                  return properties.indexCodec() == null || properties.indexCodec().isBlank()
                      ? settings
                      : settings.codec(properties.indexCodec());
                })
                .mappings(mapping())
                .aliases(properties.indexPrefix(), alias -> alias))))
        .then();
  }

  private TypeMapping mapping() {
    return TypeMapping.of(mapping -> mapping
        .dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.Strict)
        .properties("messageId", property -> property.keyword(keyword -> keyword))
        .properties("conversationId", property -> property.keyword(keyword -> keyword))
        .properties("seq", property -> property.long_(number -> number))
        .properties("senderId", property -> property.keyword(keyword -> keyword))
        .properties("body", property -> property.text(text -> text.analyzer(properties.analyzer())))
        .properties("sentAt", property -> property.date(date -> date)));
  }
}
