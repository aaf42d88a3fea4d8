package io.switchboard.search.query;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import co.elastic.clients.json.JsonData;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a search and the caller's readable windows into one Elasticsearch request. The windows filter is part
 * of every request built here — there is no way to build one without it — so a search can only ever return
 * messages the caller may read: for each window, that conversation's messages within its seq range.
 *
 * <p>The text goes into {@code match} (every loose word must be there) and {@code match_phrase} (each quoted
 * phrase) queries: it is analysed as text, never parsed as query syntax.
 */
public final class SearchQueryBuilder {

  static final String BODY = "body";
  static final String CONVERSATION_ID = "conversationId";
  static final String SEQ = "seq";
  static final String SENDER_ID = "senderId";
  static final String SENT_AT = "sentAt";

  /** Highlighted snippet length, in characters, around the matched words. */
  static final int HIGHLIGHT_FRAGMENT_SIZE = 150;

  private SearchQueryBuilder() {}

  /**
   * The request for one page: {@code limit} hits after {@code criteria.after()}. {@code windows} must not be
   * empty (a caller with nothing to read has nothing to find, and is answered without asking Elasticsearch).
   */
  public static SearchRequest build(String index, SearchCriteria criteria, List<ReadableWindow> windows) {
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("a search needs at least one readable window");
    }
    List<FieldValue> after = searchAfter(criteria);
    return SearchRequest.of(search -> {
      search.index(index)
          .size(criteria.limit())
          .trackTotalHits(total -> total.enabled(false))
          .query(query(criteria, windows))
          .sort(sort(criteria.sort()))
          .highlight(highlight -> highlight
              .encoder(HighlighterEncoder.Html)
              .preTags("<em>")
              .postTags("</em>")
              .fields(BODY, field -> field.fragmentSize(HIGHLIGHT_FRAGMENT_SIZE).numberOfFragments(1)
                  .noMatchSize(HIGHLIGHT_FRAGMENT_SIZE)));
      if (!after.isEmpty()) {
        search.searchAfter(after);
      }
      return search;
    });
  }

  private static Query query(SearchCriteria criteria, List<ReadableWindow> windows) {
    BoolQuery.Builder bool = new BoolQuery.Builder();
    QueryText text = criteria.text();
    if (!text.words().isEmpty()) {
      bool.must(must -> must.match(match -> match.field(BODY).query(text.words()).operator(Operator.And)));
    }
    for (String phrase : text.phrases()) {
      bool.must(must -> must.matchPhrase(match -> match.field(BODY).query(phrase)));
    }
    bool.filter(readable(windows));
    if (criteria.conversationId() != null) {
      bool.filter(filter -> filter.term(term -> term.field(CONVERSATION_ID).value(criteria.conversationId())));
    }
    if (criteria.senderId() != null) {
      bool.filter(filter -> filter.term(term -> term.field(SENDER_ID).value(criteria.senderId())));
    }
    if (criteria.from() != null || criteria.to() != null) {
      bool.filter(filter -> filter.range(range -> range.untyped(sentAt -> {
        sentAt.field(SENT_AT);
        if (criteria.from() != null) {
          sentAt.gte(JsonData.of(criteria.from().toString()));
        }
        if (criteria.to() != null) {
          sentAt.lte(JsonData.of(criteria.to().toString()));
        }
        return sentAt;
      })));
    }
    return bool.build()._toQuery();
  }

  /** One should clause for all whole conversations (a terms query) and one per partial window. */
  private static Query readable(List<ReadableWindow> windows) {
    List<FieldValue> whole = new ArrayList<>();
    List<Query> partial = new ArrayList<>();
    for (ReadableWindow window : windows) {
      if (window.isWhole()) {
        whole.add(FieldValue.of(window.conversationId()));
      } else {
        partial.add(Query.of(q -> q.bool(inWindow -> inWindow
            .filter(f -> f.term(term -> term.field(CONVERSATION_ID).value(window.conversationId())))
            .filter(f -> f.range(range -> range.untyped(seq -> {
              seq.field(SEQ).gte(JsonData.of(window.fromSeq()));
              if (window.throughSeq() != null) {
                seq.lte(JsonData.of(window.throughSeq()));
              }
              return seq;
            }))))));
      }
    }
    BoolQuery.Builder anyWindow = new BoolQuery.Builder().minimumShouldMatch("1");
    if (!whole.isEmpty()) {
      anyWindow.should(q -> q.terms(terms -> terms.field(CONVERSATION_ID).terms(values -> values.value(whole))));
    }
    partial.forEach(anyWindow::should);
    return anyWindow.build()._toQuery();
  }

  /** Newest first or by score, then always the same unique tiebreak: conversation, then seq. */
  private static List<SortOptions> sort(SortOrder order) {
    List<SortOptions> sort = new ArrayList<>();
    if (order == SortOrder.RELEVANCE) {
      sort.add(SortOptions.of(s -> s.score(score -> score.order(co.elastic.clients.elasticsearch._types.SortOrder.Desc))));
    }
    sort.add(field(SENT_AT, co.elastic.clients.elasticsearch._types.SortOrder.Desc));
    sort.add(field(CONVERSATION_ID, co.elastic.clients.elasticsearch._types.SortOrder.Asc));
    sort.add(field(SEQ, co.elastic.clients.elasticsearch._types.SortOrder.Desc));
    return sort;
  }

  private static SortOptions field(String name, co.elastic.clients.elasticsearch._types.SortOrder order) {
    return SortOptions.of(s -> s.field(field -> field.field(name).order(order)));
  }

  /** The cursor's values as typed sort values; one that does not fit this order's sort is refused. */
  private static List<FieldValue> searchAfter(SearchCriteria criteria) {
    List<Object> values = criteria.after();
    if (values.isEmpty()) {
      return List.of();
    }
    boolean relevance = criteria.sort() == SortOrder.RELEVANCE;
    int expected = relevance ? 4 : 3;
    if (values.size() != expected) {
      throw new InvalidQueryException("'after' belongs to a search with another sort");
    }
    List<FieldValue> typed = new ArrayList<>();
    int position = 0;
    if (relevance) {
      typed.add(FieldValue.of(number(values.get(position++)).doubleValue()));
    }
    typed.add(FieldValue.of(number(values.get(position++)).longValue()));
    if (!(values.get(position) instanceof String conversationId)) {
      throw new InvalidQueryException("'after' is not a cursor this search returned");
    }
    typed.add(FieldValue.of(conversationId));
    position++;
    typed.add(FieldValue.of(number(values.get(position)).longValue()));
    return typed;
  }

  private static Number number(Object value) {
    if (value instanceof Number number) {
      return number;
    }
    throw new InvalidQueryException("'after' is not a cursor this search returned");
  }
}
