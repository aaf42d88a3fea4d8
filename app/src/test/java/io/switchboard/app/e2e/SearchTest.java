package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.WAIT;
import static io.switchboard.app.e2e.GroupSupport.applied;
import static io.switchboard.app.e2e.GroupSupport.connected;
import static io.switchboard.app.e2e.GroupSupport.createGroup;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.app.embedded.EmbeddedElasticsearch;
import io.switchboard.broker.Broker;
import io.switchboard.broker.Envelope;
import io.switchboard.client.ChatConnection;
import io.switchboard.client.HttpAnswer;
import io.switchboard.client.Session;
import io.switchboard.client.SwitchboardClientException;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.broker.MessageStored;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import io.switchboard.search.reindex.Reindexer;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.message.MessageStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Search against a real Elasticsearch node (started once for this class) and the real services: 10,000
 * messages across 20 conversations, most written straight to storage and through the indexing pipeline (the
 * queue the router feeds), a few through the real path; every search goes through the HTTP API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchTest {

  private static final int CONVERSATIONS = 20;
  private static final int MESSAGES_PER_CONVERSATION = 500;
  private static final int MESSAGES = CONVERSATIONS * MESSAGES_PER_CONVERSATION;
  /** Of the last group, Erin leaves after this many of its messages. */
  private static final int BEFORE_LEAVING = 250;
  private static final Duration INDEXED_WITHIN = Duration.ofSeconds(90);
  private static final Instant FIRST_SENT_AT = Instant.parse("2026-10-30T12:00:00Z");

  private static TestCluster cluster;
  private static Path elasticsearchHome;
  private static EmbeddedElasticsearch elasticsearch;
  private static TestCluster.SearchService search;
  private static Session alice;
  private static Session bob;
  private static Session dave;
  private static Session erin;
  /** conversation 0 is Alice and Bob's direct one; 1-17 groups of Alice and Bob; 18 Bob and Dave; 19 with Erin. */
  private static final List<String> conversationIds = new ArrayList<>();
  private static final List<ChatMessage> stored = new ArrayList<>();
  private static long erinLeftSeq;

  @BeforeAll
  static void startSearchAndWriteTenThousandMessages() throws Exception {
    cluster = TestCluster.shared();
    elasticsearchHome = Files.createTempDirectory("switchboard-search-test");
    long started = System.nanoTime();
    elasticsearch = EmbeddedElasticsearch.start(elasticsearchHome, 0);
    System.out.printf("embedded Elasticsearch started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    search = cluster.startSearch(elasticsearch.uri());
    alice = cluster.newUser("alice");
    bob = cluster.newUser("bob");
    dave = cluster.newUser("dave");
    erin = cluster.newUser("erin");

    // the direct conversation comes into being with a message through the real path
    try (ChatConnection socket = connected(alice)) {
      String body = "hello bob kiwi through the real path";
      socket.send(new SendFrame("first", bob.userId(), null, body));
      AcceptedFrame accepted = socket.await(AcceptedFrame.class, WAIT);
      conversationIds.add(accepted.conversationId());
      stored.add(new ChatMessage(accepted.messageId(), accepted.conversationId(), accepted.seq(), alice.userId(),
          alice.deviceId(), "first", body, accepted.sentAt()));
    }
    for (int group = 1; group <= 17; group++) {
      conversationIds.add(createGroup(alice, "search " + group, bob));
    }
    conversationIds.add(createGroup(bob, "without alice", dave));
    conversationIds.add(createGroup(alice, "erin leaves", bob, erin));

    long writing = System.nanoTime();
    for (int conversation = 0; conversation < CONVERSATIONS; conversation++) {
      if (conversation == CONVERSATIONS - 1) {
        writeDirectly(conversation, 0, BEFORE_LEAVING);
        erinLeftSeq = applied(erin.groups().leave(conversationIds.get(conversation)));
        writeDirectly(conversation, BEFORE_LEAVING, MESSAGES_PER_CONVERSATION);
      } else {
        // the direct conversation already holds its first message, sent through the real path
        writeDirectly(conversation, conversation == 0 ? 1 : 0, MESSAGES_PER_CONVERSATION);
      }
    }
    long written = System.nanoTime();
    awaitIndexed(MESSAGES);
    System.out.printf("%d messages written and published in %d ms, all searchable %d ms after the last%n",
        MESSAGES, (written - writing) / 1_000_000, (System.nanoTime() - written) / 1_000_000);
  }

  @AfterAll
  static void stop() {
    if (search != null) {
      search.close();
    }
    if (elasticsearch != null) {
      elasticsearch.close();
    }
  }

  @Test
  @Order(1)
  void findsExactlyTheMatchingMessagesTheCallerMayReadNewestFirstPagedWithoutRepeatsOrGaps() {
    Set<String> readable = new HashSet<>(conversationIds);
    readable.remove(conversationIds.get(18));
    List<ChatMessage> expected = stored.stream()
        .filter(message -> readable.contains(message.conversationId()) && message.body().contains("kiwi"))
        .sorted(newestFirst())
        .toList();
    assertThat(expected).hasSizeGreaterThan(900);

    List<JsonNode> hits = allPages(alice, "kiwi", 100);

    assertThat(hits.stream().map(SearchTest::place).toList())
        .as("every readable match, once, newest first")
        .containsExactlyElementsOf(expected.stream().map(SearchTest::place).toList());
    for (JsonNode hit : hits) {
      assertThat(hit.get("highlight").asString()).contains("<em>kiwi</em>");
      assertThat(hit.get("messageId").asString()).isNotBlank();
      assertThat(hit.get("senderId").asString()).isNotBlank();
      assertThat(hit.get("sentAt").asString()).isNotBlank();
    }
  }

  @Test
  @Order(2)
  void wordsMustAllMatchAndQuotedPhrasesMatchAsWritten() {
    long phrase = stored.stream().filter(m -> !m.conversationId().equals(conversationIds.get(18))
        && m.body().contains("banana split")).count();
    long words = stored.stream().filter(m -> !m.conversationId().equals(conversationIds.get(18))
        && m.body().contains("banana") && m.body().contains("split")).count();
    assertThat(words).isGreaterThan(phrase);

    assertThat(allPages(alice, encode("\"banana split\""), 100)).hasSize((int) phrase);
    assertThat(allPages(alice, encode("split banana"), 100)).hasSize((int) words);
    assertThat(allPages(alice, encode("banana \"split the\""), 100)).isNotEmpty().allSatisfy(
        hit -> assertThat(hit.get("highlight").asString()).contains("<em>split the</em>"));
  }

  @Test
  @Order(3)
  void nobodySeesTheMessagesOfAConversationTheyAreNotIn() {
    String withoutAlice = conversationIds.get(18);
    assertThat(allPages(alice, "kiwi", 100)).noneMatch(hit -> hit.get("conversationId").asString().equals(withoutAlice));
    assertThat(allPages(alice, "kiwi&conversationId=" + withoutAlice, 100)).isEmpty();

    List<JsonNode> davesHits = allPages(dave, "kiwi", 100);
    assertThat(davesHits).isNotEmpty()
        .allMatch(hit -> hit.get("conversationId").asString().equals(withoutAlice));

    Session stranger = cluster.newUser("stranger");
    assertThat(allPages(stranger, "kiwi", 100)).isEmpty();
  }

  @Test
  @Order(4)
  void aUserWhoLeftSeesOnlyWhatCameBeforeTheyLeft() {
    String group = conversationIds.get(19);
    List<ChatMessage> expected = stored.stream()
        .filter(m -> m.conversationId().equals(group) && m.seq() <= erinLeftSeq && m.body().contains("kiwi"))
        .sorted(newestFirst())
        .toList();
    assertThat(expected).isNotEmpty();
    assertThat(stored.stream().anyMatch(m -> m.conversationId().equals(group) && m.seq() > erinLeftSeq
        && m.body().contains("kiwi"))).isTrue();

    List<JsonNode> hits = allPages(erin, "kiwi", 100);

    assertThat(hits.stream().map(SearchTest::place).toList())
        .containsExactlyElementsOf(expected.stream().map(SearchTest::place).toList());
  }

  @Test
  @Order(5)
  void filtersBySenderDateAndSortsByRelevance() {
    HttpAnswer bySender = searchAs(alice, "kiwi&senderId=" + bob.userId() + "&limit=50");
    assertThat(bySender.status()).isEqualTo(200);
    assertThat(bySender.body().get("hits")).isNotEmpty()
        .allMatch(hit -> hit.get("senderId").asString().equals(bob.userId()));

    Instant from = FIRST_SENT_AT.plusSeconds(100);
    Instant to = FIRST_SENT_AT.plusSeconds(200);
    List<JsonNode> inRange = allPages(alice, "kiwi&from=" + from + "&to=" + to, 100);
    assertThat(inRange).isNotEmpty().allSatisfy(hit -> assertThat(Instant.parse(hit.get("sentAt").asString()))
        .isBetween(from, to));

    List<JsonNode> byRelevance = allPages(alice, encode("kiwi banana") + "&sort=relevance", 37);
    assertThat(byRelevance).hasSize((int) byRelevance.stream().map(SearchTest::place).distinct().count())
        .hasSize(allPages(alice, encode("kiwi banana"), 100).size());
  }

  @Test
  @Order(6)
  void jumpFromAHitShowsTheMessagesAroundItAndPagesToBothEnds() {
    String group = conversationIds.get(5);
    JsonNode hit = searchAs(alice, "kiwi&conversationId=" + group + "&limit=30").body().get("hits").get(20);
    long seq = hit.get("seq").asLong();
    List<ChatMessage> conversation = stored.stream()
        .filter(m -> m.conversationId().equals(group)).sorted(Comparator.comparingLong(ChatMessage::seq)).toList();

    JsonNode window = alice.get("/api/conversations/" + group + "/messages?around=" + seq + "&limit=10").body();
    List<Long> seqs = seqs(window);
    assertThat(seqs).contains(seq).hasSize(10).isSorted();
    assertThat(seqs.get(seqs.size() - 1) - seqs.get(0)).isEqualTo(9);
    JsonNode atHit = window.get("messages").get(seqs.indexOf(seq));
    assertThat(atHit.get("messageId").asString()).isEqualTo(hit.get("messageId").asString());

    List<Long> all = new ArrayList<>(seqs);
    JsonNode page = window;
    while (page.get("hasOlder").asBoolean()) {
      page = alice.get("/api/conversations/" + group + "/messages?before=" + seqs(page).get(0) + "&limit=50").body();
      all.addAll(0, seqs(page));
    }
    page = window;
    while (page.get("hasNewer").asBoolean()) {
      List<Long> current = seqs(page);
      page = alice.get("/api/conversations/" + group + "/messages?after=" + current.get(current.size() - 1)
          + "&limit=50").body();
      all.addAll(seqs(page));
    }
    assertThat(all).isSorted().doesNotHaveDuplicates();
    assertThat(all.get(0)).isEqualTo(1L);
    assertThat(all).containsAll(conversation.stream().map(ChatMessage::seq).toList());
    assertThat(all.get(all.size() - 1)).isEqualTo(conversation.get(conversation.size() - 1).seq());
  }

  @Test
  @Order(7)
  void hostileQueriesGetResultsOrAClearBadRequestNeverAServerError() {
    List<String> syntax = List.of("kiwi AND (", "*", "\"", "\\", "body:kiwi OR conversationId:*", "/.*/", "kiwi~2",
        "{\"match_all\":{}}", "kiwi) OR (1=1", "\"unterminated kiwi", "<script>alert(1)</script>", "kiwi^100",
        "_id:*", "+kiwi -banana", "kiwi || banana", "ñandú 🥝 キウイ", "%00", "a".repeat(256));
    for (String q : syntax) {
      HttpAnswer answer = searchAs(alice, encode(q));
      assertThat(answer.status()).as("q=%s -> %s", q, answer.body()).isIn(200, 400);
      if (answer.status() == 200) {
        assertThat(answer.body().get("hits")).noneMatch(
            hit -> hit.get("conversationId").asString().equals(conversationIds.get(18)));
      }
    }
    assertThat(searchAs(alice, encode("kiwi AND (")).status()).isEqualTo(200);
    assertThat(searchAs(alice, encode("body:kiwi OR conversationId:*")).body().get("hits"))
        .as("query syntax is text, not a wider query").isEmpty();

    Map<String, String> badRequests = new LinkedHashMap<>();
    badRequests.put("", "'q'");
    badRequests.put(encode("   "), "'q'");
    badRequests.put(encode("\"\""), "'q'");
    badRequests.put(encode("x".repeat(10_000)), "256");
    badRequests.put("kiwi&limit=0", "'limit'");
    badRequests.put("kiwi&limit=lots", "'limit'");
    badRequests.put("kiwi&sort=sideways", "'sort'");
    badRequests.put("kiwi&from=yesterday", "'from'");
    badRequests.put("kiwi&after=not-a-cursor", "'after'");
    badRequests.put("kiwi&after=" + encode("W10"), "'after'");
    String newestCursor = searchAs(alice, "kiwi&limit=1").body().get("next").asString();
    badRequests.put("kiwi&sort=relevance&after=" + newestCursor, "'after'");
    badRequests.forEach((query, named) -> {
      HttpAnswer answer = searchAs(alice, query);
      assertThat(answer.status()).as("q=%s -> %s", query, answer.body()).isEqualTo(400);
      assertThat(answer.body().get("detail").asString()).contains(named);
    });
    assertThat(search.as(alice).get("/api/search").status()).isEqualTo(400);
    assertThat(search.http().get("/api/search?q=kiwi", null).status()).isEqualTo(401);
  }

  @Test
  @Order(8)
  void aSentMessageBecomesSearchableWithinAMomentAndSearchesAreQuick() {
    String word = "lag" + UUID.randomUUID().toString().replace("-", "");
    long[] lags = new long[5];
    try (ChatConnection socket = connected(alice)) {
      for (int i = 0; i < lags.length; i++) {
        socket.send(new SendFrame("lag-" + i + word, bob.userId(), null, "measuring " + word + i));
        socket.await(AcceptedFrame.class, WAIT);
        long accepted = System.nanoTime();
        String query = word + i;
        awaitTrue(() -> hitCount(alice, query) == 1);
        lags[i] = (System.nanoTime() - accepted) / 1_000_000;
      }
    }
    long[] latencies = new long[50];
    for (int i = 0; i < latencies.length; i++) {
      long started = System.nanoTime();
      assertThat(searchAs(alice, i % 2 == 0 ? "kiwi&limit=20" : encode("\"banana split\"")).status()).isEqualTo(200);
      latencies[i] = (System.nanoTime() - started) / 1_000;
    }
    java.util.Arrays.sort(latencies);
    System.out.printf("indexing lag (accepted -> searchable) ms: %s; search latency µs p50 %d p95 %d max %d%n",
        java.util.Arrays.toString(lags), latencies[25], latencies[47], latencies[49]);
  }

  @Test
  @Order(9)
  void messagesSentWhileElasticsearchIsDownAllBecomeSearchableOnceItIsBack() {
    String word = "outage" + UUID.randomUUID().toString().replace("-", "");
    int port = elasticsearch.httpPort();
    elasticsearch.close();
    try (ChatConnection socket = connected(alice)) {
      for (int i = 0; i < 500; i++) {
        socket.send(new SendFrame("down-" + i + "-" + word.substring(6, 20), bob.userId(), null, word + " number " + i));
      }
      for (int i = 0; i < 500; i++) {
        socket.await(AcceptedFrame.class, WAIT);
      }
    }
    long restarting = System.nanoTime();
    elasticsearch = EmbeddedElasticsearch.start(elasticsearchHome, port);
    // while the node starts, search answers 503; then the queue drains into it
    awaitTrue(() -> hitCount(alice, word + "&limit=1") == 1 && allPages(alice, word, 100).size() == 500);
    System.out.printf("500 messages sent while Elasticsearch was down searchable %d ms after it restarted%n",
        (System.nanoTime() - restarting) / 1_000_000);
    assertThat(allPages(alice, word, 100).stream().map(SearchTest::place).distinct()).hasSize(500);
  }

  @Test
  @Order(10)
  void aLostIndexIsRebuiltFromMongoDb() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(
            URI.create(elasticsearch.uri() + "/switchboard-messages-2026.10")).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(hitCount(alice, "kiwi")).as("only the one November message is left").isEqualTo(1);

    long started = System.nanoTime();
    Long reindexed = search.context().getBean(Reindexer.class).reindexAll().block(Duration.ofMinutes(5));
    System.out.printf("re-indexed %d messages from MongoDB in %d ms%n", reindexed,
        (System.nanoTime() - started) / 1_000_000);

    assertThat(reindexed).isGreaterThanOrEqualTo(MESSAGES);
    // every bulk request has been answered; make what they wrote visible now rather than within a second
    http.send(HttpRequest.newBuilder(URI.create(elasticsearch.uri() + "/switchboard-messages/_refresh"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    findsExactlyTheMatchingMessagesTheCallerMayReadNewestFirstPagedWithoutRepeatsOrGaps();
  }

  // --- helpers

  /** Messages of one conversation, written to storage and published to the search queue as the router would. */
  private static void writeDirectly(int conversation, int fromIndex, int toIndex) {
    String conversationId = conversationIds.get(conversation);
    MongoDatabase database = cluster.frontBean(MongoDatabase.class);
    MessageStore messages = cluster.frontBean(MessageStore.class);
    ConversationStore conversations = cluster.frontBean(ConversationStore.class);
    Broker broker = cluster.frontBean(Broker.class);
    BrokerCodec codec = new BrokerCodec();
    long lastSeq = conversations.find(conversationId).block().lastSeq();
    String sender = conversation == 18 ? dave.userId() : (conversation % 2 == 0 ? alice.userId() : bob.userId());
    List<ChatMessage> batch = new ArrayList<>();
    for (int index = fromIndex; index < toIndex; index++) {
      long seq = lastSeq + 1 + (index - fromIndex);
      String author = index % 3 == 0 ? bob.userId() : sender;
      batch.add(new ChatMessage(UUID.randomUUID().toString().replace("-", ""), conversationId, seq, author,
          "device", "bulk-" + conversation + "-" + index + "-" + UUID.randomUUID(), body(conversation, index),
          FIRST_SENT_AT.plusSeconds(index)));
    }
    Flux.fromIterable(batch).flatMap(messages::insert, 32).then().block(Duration.ofMinutes(2));
    Mono.from(database.getCollection("conversations").updateOne(Filters.eq("_id", conversationId),
        Updates.set("lastSeq", lastSeq + batch.size()))).block(Duration.ofSeconds(10));
    Flux.fromIterable(batch)
        .map(message -> new Envelope(Topology.MESSAGES_EXCHANGE, Topology.MESSAGE_STORED_ROUTING_KEY,
            codec.encode(new MessageStored(message))))
        .buffer(200)
        .concatMap(broker::publishConfirmed)
        .then()
        .block(Duration.ofMinutes(2));
    stored.addAll(batch);
  }

  private static String body(int conversation, int index) {
    StringBuilder body = new StringBuilder("message ").append(index).append(" of conversation ").append(conversation);
    if (index % 10 == 0) {
      body.append(" with a kiwi");
    }
    if (index % 7 == 0) {
      body.append(" and a banana split");
    }
    if (index % 11 == 0) {
      body.append(" so split the banana");
    }
    return body.toString();
  }

  private static Comparator<ChatMessage> newestFirst() {
    return Comparator.comparing(ChatMessage::sentAt).reversed()
        .thenComparing(ChatMessage::conversationId)
        .thenComparing(Comparator.comparingLong(ChatMessage::seq).reversed());
  }

  private static String place(ChatMessage message) {
    return message.conversationId() + "#" + message.seq();
  }

  private static String place(JsonNode hit) {
    return hit.get("conversationId").asString() + "#" + hit.get("seq").asLong();
  }

  private static List<Long> seqs(JsonNode page) {
    List<Long> seqs = new ArrayList<>();
    page.get("messages").forEach(message -> seqs.add(message.get("seq").asLong()));
    return seqs;
  }

  /** Every hit, page after page, asserting no page repeats a hit of an earlier one. */
  private static List<JsonNode> allPages(Session caller, String query, int limit) {
    List<JsonNode> hits = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String after = null;
    do {
      HttpAnswer answer = searchAs(caller, query + "&limit=" + limit + (after == null ? "" : "&after=" + after));
      assertThat(answer.status()).as("%s -> %s", query, answer.body()).isEqualTo(200);
      for (JsonNode hit : answer.body().get("hits")) {
        assertThat(seen.add(place(hit))).as("repeated hit %s", place(hit)).isTrue();
        hits.add(hit);
      }
      JsonNode next = answer.body().get("next");
      after = next == null || next.isNull() ? null : next.asString();
    } while (after != null);
    return hits;
  }

  /** Hits on the first page, or -1 while search cannot answer (a slow or restarting node). */
  private static int hitCount(Session caller, String query) {
    try {
      HttpAnswer answer = searchAs(caller, query);
      return answer.status() == 200 ? answer.body().get("hits").size() : -1;
    } catch (SwitchboardClientException timedOut) {
      return -1;
    }
  }

  private static HttpAnswer searchAs(Session caller, String query) {
    return search.as(caller).get("/api/search?q=" + query);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static void awaitIndexed(int expected) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    URI count = URI.create(elasticsearch.uri() + "/switchboard-messages/_count");
    // only this test's conversations: on a shared real broker the queue may hold other runs' messages too
    String ours = "{\"query\":{\"terms\":{\"conversationId\":[\"" + String.join("\",\"", conversationIds) + "\"]}}}";
    awaitTrue(() -> {
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(count)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ours)).build(),
            HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && response.body().contains("\"count\":" + expected + ",");
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + INDEXED_WITHIN.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within %s", INDEXED_WITHIN).isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

}
