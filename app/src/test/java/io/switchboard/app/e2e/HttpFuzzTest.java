package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.HttpAnswer;
import io.switchboard.client.Session;
import io.switchboard.client.SwitchboardHttp;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile HTTP input on every endpoint: ids, query parameters and bodies that are wrong in every way. The
 * answer is never a server error, every refusal is an RFC 9457 problem whose status matches the response's,
 * and nothing of a conversation the caller is not in comes back.
 */
class HttpFuzzTest {

  private static final String VICTIM_SECRET = "victim secret " + Frames.newClientMessageId();

  /** Answers of Reactor Netty's HTTP decoder itself, before Spring: a status and no body (docs/protocol.md). */
  private static final java.util.Set<Integer> TRANSPORT_REFUSALS = java.util.Set.of(413, 414, 431);

  private static TestCluster cluster;
  private static Session fuzzer;
  private static List<String> ids;

  /** method, path with {id} holes, a valid body (or null). */
  private static final List<Tuple.Tuple3<String, String, String>> ENDPOINTS = List.of(
      Tuple.of("POST", "/api/accounts/signup", "{\"username\":\"fz_{id}\",\"password\":\"correct horse battery staple\"}"),
      Tuple.of("POST", "/api/accounts/login", "{\"username\":\"{id}\",\"password\":\"correct horse battery staple\"}"),
      Tuple.of("GET", "/api/users/me", null),
      Tuple.of("PUT", "/api/users/me/settings", "{\"showLastSeen\":true}"),
      Tuple.of("GET", "/api/users/{id}", null),
      Tuple.of("GET", "/api/users?username={id}", null),
      Tuple.of("DELETE", "/api/devices/{id}", null),
      Tuple.of("POST", "/api/groups", "{\"name\":\"g\",\"memberIds\":[\"{id}\"]}"),
      Tuple.of("GET", "/api/groups/{id}/members", null),
      Tuple.of("PUT", "/api/groups/{id}/name", "{\"name\":\"renamed\"}"),
      Tuple.of("POST", "/api/groups/{id}/members", "{\"userIds\":[\"{id}\"]}"),
      Tuple.of("DELETE", "/api/groups/{id}/members/{id}", null),
      Tuple.of("PUT", "/api/groups/{id}/admins/{id}", "{}"),
      Tuple.of("GET", "/api/conversations?limit={id}", null),
      Tuple.of("GET", "/api/conversations/{id}", null),
      Tuple.of("POST", "/api/conversations/{id}/read", "{\"seq\":1}"),
      Tuple.of("GET", "/api/conversations/{id}/receipts", null),
      Tuple.of("GET", "/api/conversations/{id}/messages?before={id}&limit={id}", null),
      Tuple.of("GET", "/api/conversations/{id}/messages?around={id}", null),
      Tuple.of("GET", "/api/sync?limit={id}", null),
      Tuple.of("POST", "/api/sync/cursor", "{\"conversationId\":\"{id}\",\"seq\":1}"),
      Tuple.of("GET", "/api/presence?userIds={id},{id}", null),
      Tuple.of("GET", "/api/nothing/{id}", null));

  @BeforeContainer
  static void world() {
    cluster = TestCluster.shared();
    fuzzer = cluster.newUser("httpfuzzer");
    Session victim = cluster.newUser("victim");
    Session victimsFriend = cluster.newUser("victimsfriend");
    try (ChatConnection socket = victim.connect()) {
      socket.await(SyncedFrame.class, WAIT);
      var secret = Frames.to(victimsFriend.userId(), VICTIM_SECRET);
      socket.send(secret);
      socket.await(AcceptedFrame.class, accepted -> accepted.clientMessageId().equals(secret.clientMessageId()), WAIT);
    }
    String victimsGroup = GroupSupport.createGroup(victim, "private", victimsFriend);
    ids = List.of(victim.userId(), victim.deviceId(), victimsGroup,
        ConversationIds.direct(victim.userId(), victimsFriend.userId()), fuzzer.userId(),
        // (not the fuzzer's own device id: DELETE /api/devices/{id} would sign the fuzzer out for the rest)
        // long, but within the request-line limit: past it the transport answers a bare 414, and the JDK
        // client was seen to hang on the request after one (docs/protocol.md, HTTP conventions)
        "0", "-1", "1", "201", "9223372036854775808", "1.5", "", " ", "null", "../../etc/passwd", "%00", "x".repeat(1500),
        "é😀", "dm-", "g-", "' or 1=1 --", "{\"$gt\":\"\"}", "$where");
  }

  @Property(tries = 600)
  void noInputGetsAServerErrorOrAnythingOfOthers(
      @ForAll("endpoints") Tuple.Tuple3<String, String, String> endpoint,
      @ForAll("idLists") List<String> fill,
      @ForAll("bodyEdits") Tuple.Tuple3<Integer, Double, Character> edit,
      @ForAll("mostlyTrue") boolean withToken) {
    String path = fillIn(endpoint.get2(), fill, true);
    String body = endpoint.get3() == null ? null : editBody(fillIn(endpoint.get3(), fill, false), edit);

    // A connection of its own per call. Found by this test and left open: when every call shares one JDK
    // HttpClient (and so its keep-alive connections), now and then a call gets no answer at all (15 s timeout)
    // after a few hundred hostile ones; a raw socket repeating the two calls before it gets both answers.
    SwitchboardHttp http = new SwitchboardHttp(cluster.http().base());
    HttpAnswer answer = http.exchangeRaw(endpoint.get1(), path, withToken ? fuzzer.accessToken() : null, body);

    Statistics.collect(answer.status());
    assertThat(answer.status()).as("%s %s %s -> %s", endpoint.get1(), path, body, answer).isLessThan(500);
    if (TRANSPORT_REFUSALS.contains(answer.status()) && answer.body() == null) {
      // refused by the HTTP transport before any handler: a request line or headers over its limits
      return;
    }
    if (answer.status() >= 400) {
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.body().get("status").asInt()).isEqualTo(answer.status());
      assertThat(answer.body().get("detail").asString()).isNotBlank();
    }
    assertThat(String.valueOf(answer.body())).doesNotContain(VICTIM_SECRET);
  }

  @Provide
  Arbitrary<Boolean> mostlyTrue() {
    return Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false));
  }

  @Provide
  Arbitrary<Tuple.Tuple3<String, String, String>> endpoints() {
    return Arbitraries.of(ENDPOINTS);
  }

  @Provide
  Arbitrary<List<String>> idLists() {
    Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.of(ids), Arbitraries.strings().all().ofMaxLength(40));
    return id.list().ofSize(3);
  }

  /** Which edit to make to a body (none, delete, insert, replace, cut), where, with which character. */
  @Provide
  Arbitrary<Tuple.Tuple3<Integer, Double, Character>> bodyEdits() {
    return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.doubles().between(0, 1),
            Arbitraries.chars().with('{', '}', '"', ':', ',', '[', '\\', '0', 'x'))
        .as(Tuple::of);
  }

  private static String fillIn(String template, List<String> fill, boolean inUrl) {
    String filled = template;
    for (int i = 0; filled.contains("{id}"); i++) {
      String id = fill.get(i % fill.size());
      String safe = inUrl
          ? URLEncoder.encode(new String(id.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
              StandardCharsets.UTF_8).replace("+", "%20")
          : id.replace("\\", "\\\\").replace("\"", "\\\"");
      filled = filled.replaceFirst("\\{id}", java.util.regex.Matcher.quoteReplacement(safe));
    }
    return filled;
  }

  private static String editBody(String body, Tuple.Tuple3<Integer, Double, Character> edit) {
    int at = (int) (edit.get2() * body.length());
    int index = Math.min(at, body.length() - 1);
    String edited;
    switch (edit.get1()) {
      case 1:
        edited = body.substring(0, index) + body.substring(index + 1);
        break;
      case 2:
        edited = body.substring(0, at) + edit.get3() + body.substring(at);
        break;
      case 3:
        edited = body.substring(0, index) + edit.get3() + body.substring(index + 1);
        break;
      case 4:
        edited = body.substring(0, at);
        break;
      default:
        edited = body;
    }
    return new String(edited.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
