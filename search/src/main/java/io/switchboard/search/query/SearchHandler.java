package io.switchboard.search.query;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.switchboard.search.SearchEnabled;
import io.switchboard.search.indexing.MessageDocument;
import io.switchboard.search.indexing.MessageIndex;
import io.switchboard.security.AuthenticatedDevice;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/search}: the caller's readable windows, then one Elasticsearch request filtered to them. A
 * request it cannot answer as asked is a 400 naming the parameter; Elasticsearch being away is a 503.
 */
@SearchEnabled
@Component
class SearchHandler {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private final ElasticsearchAsyncClient client;
  private final MessageIndex index;
  private final ReadableWindows windows;

  SearchHandler(ElasticsearchAsyncClient client, MessageIndex index, ReadableWindows windows) {
    this.client = client;
    this.index = index;
    this.windows = windows;
  }

  Mono<ServerResponse> search(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    SearchCriteria criteria;
    try {
      criteria = criteria(request);
    } catch (InvalidQueryException e) {
      return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
    return windows.of(caller.userId())
        .collectList()
        .flatMap(readable -> readable.isEmpty() ? Mono.just(SearchPage.EMPTY) : search(criteria, readable))
        .flatMap(page -> ServerResponse.ok().bodyValue(page));
  }

  private Mono<SearchPage> search(SearchCriteria criteria, List<ReadableWindow> readable) {
    return Mono.fromCallable(() -> SearchQueryBuilder.build(index.searchAlias(), criteria, readable))
        .flatMap(search -> Mono.fromFuture(() -> client.search(search, MessageDocument.class)))
        .map(response -> page(response, criteria.limit()))
        .onErrorMap(InvalidQueryException.class,
            error -> new ResponseStatusException(HttpStatus.BAD_REQUEST, error.getMessage()))
        .onErrorMap(error -> !(error instanceof ResponseStatusException),
            error -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "search is not available right now",
                error));
  }

  private static SearchPage page(SearchResponse<MessageDocument> response, int limit) {
    List<SearchHit> hits = new ArrayList<>();
    List<FieldValue> lastSort = List.of();
    for (Hit<MessageDocument> hit : response.hits().hits()) {
      MessageDocument document = hit.source();
      if (document == null) {
        continue;
      }
      List<String> fragments = hit.highlight().get(SearchQueryBuilder.BODY);
      String highlight = fragments == null || fragments.isEmpty() ? null : fragments.get(0);
      hits.add(new SearchHit(document.conversationId(), document.seq(), document.messageId(), document.senderId(),
          Instant.parse(document.sentAt()), document.body(), highlight));
      lastSort = hit.sort();
    }
    String next = hits.size() < limit || lastSort.isEmpty() ? null : SearchCursor.encode(plain(lastSort));
    return new SearchPage(hits, next);
  }

  private static List<Object> plain(List<FieldValue> sortValues) {
    return sortValues.stream().map(FieldValue::_get).toList();
  }

  private static SearchCriteria criteria(ServerRequest request) {
    QueryText text = QueryText.parse(request.queryParam("q").orElse(null));
    SortOrder sort = request.queryParam("sort").map(SortOrder::parse).orElse(SortOrder.NEWEST);
    return new SearchCriteria(
        text,
        nonBlank(request, "conversationId"),
        nonBlank(request, "senderId"),
        instant(request, "from"),
        instant(request, "to"),
        sort,
        limit(request),
        request.queryParam("after").map(SearchCursor::decode).orElse(List.of()));
  }

  private static String nonBlank(ServerRequest request, String name) {
    return request.queryParam(name).filter(value -> !value.isBlank()).orElse(null);
  }

  private static Instant instant(ServerRequest request, String name) {
    Optional<String> value = request.queryParam(name).filter(text -> !text.isBlank());
    try {
      return value.map(Instant::parse).orElse(null);
    } catch (DateTimeParseException e) {
      throw new InvalidQueryException("'" + name + "' must be an ISO-8601 instant, e.g. 2026-11-28T12:00:00Z");
    }
  }

  private static int limit(ServerRequest request) {
    String value = request.queryParam("limit").orElse(null);
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidQueryException("'limit' must be between 1 and " + MAX_LIMIT);
  }
}
