package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.HandshakeRefusedException;
import io.switchboard.client.HttpAnswer;
import io.switchboard.client.Session;
import io.switchboard.client.SwitchboardHttp;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.AckFrame;
import io.switchboard.protocol.frame.ClientFrame;
import io.switchboard.protocol.frame.ErrorFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.PingFrame;
import io.switchboard.protocol.frame.PongFrame;
import io.switchboard.protocol.frame.PresenceFrame;
import io.switchboard.protocol.frame.PresenceQueryFrame;
import io.switchboard.protocol.frame.ReadFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.TypingFrame;
import io.switchboard.protocol.frame.TypingNoticeFrame;
import io.switchboard.security.BearerTokenFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;

/**
 * Who may do what, as a table: every HTTP endpoint and every frame type, called by someone without the right
 * to it, is refused. The callers: nobody (no token), a signed-out device (its token still unexpired), a
 * stranger (a real user in none of it), and a member removed from the group. {@link #everyEndpointIsInTheTable}
 * fails when an endpoint is added without a row here.
 *
 * <p>The world: Alice and Bob talk directly; Alice's group has Bob and had Carol, whom Alice removed; Alice
 * signed one of her devices out. Each conversation holds a message whose text must never reach anyone else.
 */
class AuthorizationMatrixTest {

  private static final String DIRECT_SECRET = "direct secret " + Frames.newClientMessageId();
  private static final String GROUP_SECRET_AFTER_REMOVAL = "group secret " + Frames.newClientMessageId();

  private static final TestCluster cluster = TestCluster.shared();
  /** Search with an Elasticsearch that is not there: every check here happens before it would be asked. */
  private static TestCluster.SearchService search;
  private static World world;

  /** Where the endpoint is served. */
  enum Service { FRONT, SEARCH }

  /**
   * One endpoint; {@code path} may name {@code {direct}}, {@code {group}}, {@code {alice}}, {@code {bob}},
   * {@code {stranger}}, {@code {aliceDevice}}, filled in from the world.
   */
  record Endpoint(String method, String path, Map<String, Object> body, Service service) {

    static Endpoint get(String path) {
      return new Endpoint("GET", path, null, Service.FRONT);
    }

    static Endpoint post(String path, Map<String, Object> body) {
      return new Endpoint("POST", path, body, Service.FRONT);
    }

    static Endpoint put(String path, Map<String, Object> body) {
      return new Endpoint("PUT", path, body, Service.FRONT);
    }

    static Endpoint delete(String path) {
      return new Endpoint("DELETE", path, null, Service.FRONT);
    }

    /** The route pattern it exercises, as the router declares it, e.g. {@code GET /api/groups/{groupId}}. */
    String route() {
      return method + " " + path.replaceAll("\\?.*", "")
          .replace("{direct}", "{conversationId}")
          .replace("{aliceDevice}", "{deviceId}")
          .replace("/api/groups/{group}", "/api/groups/{groupId}")
          .replace("/api/conversations/{group}", "/api/conversations/{conversationId}")
          .replace("{alice}", "{userId}").replace("{bob}", "{userId}").replace("{stranger}", "{userId}");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** Every endpoint that needs a token, with a plausible body. */
  static final List<Endpoint> GUARDED = List.of(
      Endpoint.get("/api/users/me"),
      Endpoint.get("/api/users/me/settings"),
      Endpoint.put("/api/users/me/settings", Map.of("showLastSeen", true)),
      Endpoint.get("/api/users/{bob}"),
      Endpoint.get("/api/users?username=alice"),
      Endpoint.get("/api/devices"),
      Endpoint.delete("/api/devices/{aliceDevice}"),
      Endpoint.post("/api/groups", Map.of("name", "mine", "memberIds", List.of())),
      Endpoint.get("/api/groups/{group}"),
      Endpoint.get("/api/groups/{group}/members"),
      Endpoint.put("/api/groups/{group}/name", Map.of("name", "taken over")),
      Endpoint.post("/api/groups/{group}/members", Map.of("userIds", List.of("{stranger}"))),
      Endpoint.delete("/api/groups/{group}/members/{bob}"),
      Endpoint.post("/api/groups/{group}/leave", Map.of()),
      Endpoint.put("/api/groups/{group}/admins/{stranger}", Map.of()),
      Endpoint.delete("/api/groups/{group}/admins/{alice}"),
      Endpoint.get("/api/conversations"),
      Endpoint.get("/api/conversations/{direct}"),
      Endpoint.post("/api/conversations/{direct}/read", Map.of("seq", 1)),
      Endpoint.get("/api/conversations/{direct}/receipts"),
      Endpoint.get("/api/conversations/{direct}/messages"),
      Endpoint.get("/api/sync"),
      Endpoint.post("/api/sync/cursor", Map.of("conversationId", "{direct}", "seq", 1)),
      Endpoint.get("/api/presence?userIds={alice}"),
      new Endpoint("GET", "/api/search?q=secret", null, Service.SEARCH));

  @BeforeAll
  static void buildTheWorld() {
    search = cluster.startSearch("http://127.0.0.1:1");
    world = World.build();
  }

  @AfterAll
  static void stopSearch() {
    if (search != null) {
      search.close();
    }
  }

  static Stream<Endpoint> guarded() {
    return GUARDED.stream();
  }

  @ParameterizedTest(name = "nobody: {0}")
  @MethodSource("guarded")
  void withoutATokenEveryEndpointIs401WithAChallenge(Endpoint endpoint) {
    HttpAnswer answer = call(endpoint, null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  @ParameterizedTest(name = "signed-out device: {0}")
  @MethodSource("guarded")
  void aSignedOutDevicesTokenIs401OnEveryEndpoint(Endpoint endpoint) {
    HttpAnswer answer = call(endpoint, world.signedOut.accessToken());

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body().get("detail").asString()).isEqualTo("The access token's device has been signed out");
  }

  /** A stranger: everything of others is refused, or answered with only the stranger's own (empty) share. */
  static Stream<Arguments> strangerRows() {
    return Stream.of(
        Arguments.of(Endpoint.get("/api/conversations/{direct}"), 403),
        Arguments.of(Endpoint.post("/api/conversations/{direct}/read", Map.of("seq", 1)), 403),
        Arguments.of(Endpoint.get("/api/conversations/{direct}/receipts"), 403),
        Arguments.of(Endpoint.get("/api/conversations/{direct}/messages"), 403),
        Arguments.of(Endpoint.get("/api/conversations/{group}"), 403),
        Arguments.of(Endpoint.get("/api/conversations/{group}/messages?around=1"), 403),
        Arguments.of(Endpoint.post("/api/sync/cursor", Map.of("conversationId", "{direct}", "seq", 1)), 403),
        Arguments.of(Endpoint.get("/api/groups/{group}"), 403),
        Arguments.of(Endpoint.get("/api/groups/{group}/members"), 403),
        Arguments.of(Endpoint.put("/api/groups/{group}/name", Map.of("name", "taken over")), 403),
        Arguments.of(Endpoint.post("/api/groups/{group}/members", Map.of("userIds", List.of("{stranger}"))), 403),
        Arguments.of(Endpoint.delete("/api/groups/{group}/members/{bob}"), 403),
        Arguments.of(Endpoint.post("/api/groups/{group}/leave", Map.of()), 403),
        Arguments.of(Endpoint.put("/api/groups/{group}/admins/{stranger}", Map.of()), 403),
        Arguments.of(Endpoint.delete("/api/groups/{group}/admins/{alice}"), 403),
        Arguments.of(Endpoint.delete("/api/devices/{aliceDevice}"), 404),
        // answered, but with the stranger's own nothing
        Arguments.of(Endpoint.get("/api/conversations"), 200),
        Arguments.of(Endpoint.get("/api/sync"), 200),
        Arguments.of(Endpoint.get("/api/devices"), 200),
        Arguments.of(Endpoint.get("/api/presence?userIds={alice},{bob}"), 200),
        Arguments.of(new Endpoint("GET", "/api/search?q=secret", null, Service.SEARCH), 200));
  }

  @ParameterizedTest(name = "stranger: {0} -> {1}")
  @MethodSource("strangerRows")
  void aStrangerIsRefusedAndLearnsNothing(Endpoint endpoint, int expectedStatus) {
    HttpAnswer answer = call(endpoint, world.stranger.accessToken());

    assertThat(answer.status()).as("%s", answer).isEqualTo(expectedStatus);
    assertLeaksNothing(answer, world.alice, world.bob);
  }

  static Stream<Arguments> removedMemberRows() {
    return Stream.of(
        Arguments.of(Endpoint.get("/api/groups/{group}"), 403),
        Arguments.of(Endpoint.get("/api/groups/{group}/members"), 403),
        Arguments.of(Endpoint.put("/api/groups/{group}/name", Map.of("name", "taken over")), 403),
        Arguments.of(Endpoint.post("/api/groups/{group}/members", Map.of("userIds", List.of("{stranger}"))), 403),
        Arguments.of(Endpoint.delete("/api/groups/{group}/members/{bob}"), 403),
        Arguments.of(Endpoint.post("/api/groups/{group}/leave", Map.of()), 403),
        Arguments.of(Endpoint.put("/api/groups/{group}/admins/{stranger}", Map.of()), 403),
        Arguments.of(Endpoint.delete("/api/groups/{group}/admins/{alice}"), 403),
        // a former member still reads their own window, and nothing after it
        Arguments.of(Endpoint.get("/api/conversations/{group}/messages"), 200),
        Arguments.of(Endpoint.get("/api/conversations/{group}/messages?after=1"), 200),
        Arguments.of(Endpoint.get("/api/conversations"), 200),
        // (search within a former member's window needs Elasticsearch: SearchTest covers it)
        Arguments.of(Endpoint.get("/api/sync"), 200));
  }

  @ParameterizedTest(name = "removed member: {0} -> {1}")
  @MethodSource("removedMemberRows")
  void aRemovedMemberIsRefusedAndSeesNothingAfterTheRemoval(Endpoint endpoint, int expectedStatus) {
    HttpAnswer answer = call(endpoint, world.removed.accessToken());

    assertThat(answer.status()).as("%s", answer).isEqualTo(expectedStatus);
    assertThat(String.valueOf(answer.body())).doesNotContain(GROUP_SECRET_AFTER_REMOVAL);
  }

  @Test
  void everyEndpointIsInTheTable() {
    Set<String> served = new TreeSet<>();
    served.addAll(routesOf(cluster.frontContext()));
    served.addAll(routesOf(search.context()));
    Set<String> covered = new TreeSet<>();
    GUARDED.forEach(endpoint -> covered.add(endpoint.route()));
    BearerTokenFilter.PUBLIC_ENDPOINTS.forEach(endpoint -> covered.add(endpoint.method().name() + " " + endpoint.path()));
    covered.addAll(LOOPBACK_ONLY);

    assertThat(covered).isEqualTo(served);
  }

  /**
   * Not behind the token but behind the address: only the edge's own host may drain it (Kubernetes' preStop hook
   * runs there). Proved by {@link #drainingIsRefusedToAnyoneButTheEdgesOwnHost}.
   */
  private static final Set<String> LOOPBACK_ONLY = Set.of("POST /admin/drain");

  @Test
  void drainingIsRefusedToAnyoneButTheEdgesOwnHost() throws Exception {
    java.net.InetAddress outside = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
        .filter(nic -> {
          try {
            return nic.isUp() && !nic.isLoopback();
          } catch (java.net.SocketException e) {
            return false;
          }
        })
        .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
        .filter(address -> address instanceof java.net.Inet4Address && !address.isLoopbackAddress())
        .findFirst().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(outside != null, "this machine has no address but loopback");
    int port = cluster.http().base().getPort();
    var fromOutside = new io.switchboard.client.SwitchboardHttp(
        java.net.URI.create("http://" + outside.getHostAddress() + ":" + port));

    var answer = fromOutside.post("/admin/drain", null, Map.of());

    assertThat(answer.status()).isEqualTo(403);
    assertThat(cluster.http().get("/actuator/health", null).status()).as("still serving").isEqualTo(200);
  }

  // ---- the socket: every client frame type, and the handshake

  @Test
  void theHandshakeRefusesNobodyAndSignedOutDevices() {
    Session nobody = new Session(cluster.http(), world.alice.userId(), "none", "not-a-token");
    assertThatThrownBy(nobody::connect).isInstanceOf(HandshakeRefusedException.class)
        .satisfies(refused -> assertThat(((HandshakeRefusedException) refused).status()).isEqualTo(401));
    assertThatThrownBy(world.signedOut::connect).isInstanceOf(HandshakeRefusedException.class)
        .satisfies(refused -> assertThat(((HandshakeRefusedException) refused).status()).isEqualTo(401));
  }

  /** Each client frame a stranger could aim at others' conversations, and what it gets. */
  static Stream<Arguments> strangerFrames() {
    return Stream.<Arguments>of(
        Arguments.of("send", (Function<World, ClientFrame>) w -> Frames.inConversation(w.direct, "let me in")),
        Arguments.of("send to a group", (Function<World, ClientFrame>) w -> Frames.inConversation(w.group, "hi all")),
        Arguments.of("ack", (Function<World, ClientFrame>) w -> new AckFrame(w.direct, 1)),
        Arguments.of("read", (Function<World, ClientFrame>) w -> new ReadFrame(w.direct, 1)),
        Arguments.of("typing", (Function<World, ClientFrame>) w -> new TypingFrame(w.direct)));
  }

  @ParameterizedTest(name = "stranger frame: {0}")
  @MethodSource("strangerFrames")
  void aStrangersFrameAboutOthersConversationsIsNotAMember(String name, Function<World, ClientFrame> frame) {
    try (ChatConnection socket = GroupSupport.connected(world.stranger);
        ChatConnection alice = GroupSupport.connected(world.aliceListening)) {
      socket.send(frame.apply(world));

      ErrorFrame refused = socket.await(ErrorFrame.class, WAIT);
      assertThat(refused.code()).isEqualTo("not_a_member");
      // and nothing of it reached a member
      assertThat(alice.drain(Frames.QUIET)).noneMatch(arrived -> arrived instanceof MessageFrame
          || arrived instanceof TypingNoticeFrame);
      socket.send(new PingFrame("after"));
      assertThat(socket.await(PongFrame.class, WAIT).nonce()).isEqualTo("after");
    }
  }

  @Test
  void aStrangersPresenceQueryLearnsNothingAboutOthers() {
    try (ChatConnection socket = GroupSupport.connected(world.stranger)) {
      socket.send(new PresenceQueryFrame(List.of(world.alice.userId(), world.bob.userId(), world.stranger.userId())));

      List<ServerFrame> answers = socket.drain(Frames.QUIET);
      assertThat(answers).filteredOn(PresenceFrame.class::isInstance)
          .extracting(frame -> ((PresenceFrame) frame).userId())
          .containsExactly(world.stranger.userId());
    }
  }

  @Test
  void aRemovedMembersSendAndTypingInTheGroupAreNotAMember() {
    try (ChatConnection socket = GroupSupport.connected(world.removed);
        ChatConnection alice = GroupSupport.connected(world.aliceListening)) {
      SendFrame send = Frames.inConversation(world.group, "am I still here?");
      socket.send(send);
      ErrorFrame refused = socket.await(ErrorFrame.class, error -> send.clientMessageId().equals(error.ref()), WAIT);
      assertThat(refused.code()).isEqualTo("not_a_member");

      socket.send(new TypingFrame(world.group));
      assertThat(socket.await(ErrorFrame.class, WAIT).code()).isEqualTo("not_a_member");
      assertThat(alice.drain(Frames.QUIET)).noneMatch(arrived -> arrived instanceof MessageFrame
          || arrived instanceof TypingNoticeFrame);
    }
  }

  // ---- helpers

  private static HttpAnswer call(Endpoint endpoint, String token) {
    SwitchboardHttp http = endpoint.service() == Service.SEARCH ? search.http() : cluster.http();
    String path = world.fill(endpoint.path());
    Object body = endpoint.body() == null ? null : world.fill(endpoint.body());
    switch (endpoint.method()) {
      case "GET":
        return http.get(path, token);
      case "DELETE":
        return http.delete(path, token);
      case "POST":
        return http.post(path, token, body);
      case "PUT":
        return http.put(path, token, body);
      default:
        throw new IllegalArgumentException(endpoint.method());
    }
  }

  private static void assertLeaksNothing(HttpAnswer answer, Session... others) {
    String text = String.valueOf(answer.body());
    assertThat(text).doesNotContain(DIRECT_SECRET).doesNotContain(GROUP_SECRET_AFTER_REMOVAL);
    if (answer.status() == 200) {
      // a refusal may repeat the id the caller asked about; an answer must not hold anyone else's
      assertThat(text).doesNotContain(world.aliceDeviceId).doesNotContain(world.direct).doesNotContain(world.group);
    }
    for (Session other : others) {
      assertThat(text).doesNotContain("\"" + other.userId() + "\",\"status\"");
    }
  }

  /** "GET /api/groups/{groupId}" for every route of every router function in the context. */
  private static Set<String> routesOf(ApplicationContext context) {
    Pattern route = Pattern.compile("(GET|POST|PUT|DELETE|PATCH)\\W+(/\\S*?)\\)*$");
    Set<String> routes = new TreeSet<>();
    for (RouterFunction<?> function : context.getBeansOfType(RouterFunction.class).values()) {
      function.accept(new RouterFunctions.Visitor() {
        @Override
        public void startNested(RequestPredicate predicate) {}

        @Override
        public void endNested(RequestPredicate predicate) {}

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
          Matcher matcher = route.matcher(predicate.toString().trim());
          assertThat(matcher.find()).as("a route predicate we can read: %s", predicate).isTrue();
          routes.add(matcher.group(1) + " " + matcher.group(2));
        }

        @Override
        public void resources(Function<org.springframework.web.reactive.function.server.ServerRequest,
            reactor.core.publisher.Mono<org.springframework.core.io.Resource>> lookupFunction) {}

        @Override
        public void attributes(Map<String, Object> attributes) {}

        @Override
        public void unknown(RouterFunction<?> routerFunction) {}
      });
    }
    return routes;
  }

  /** The people and conversations of these tests. */
  static final class World {

    Session alice;
    /** Another device of Alice's, to watch what reaches a member. */
    Session aliceListening;
    Session bob;
    Session stranger;
    /** Carol, removed from the group. */
    Session removed;
    /** A device of Alice's that she signed out. */
    Session signedOut;
    String aliceDeviceId;
    String direct;
    String group;

    static World build() {
      World world = new World();
      world.alice = cluster.newUser("alice");
      world.aliceDeviceId = world.alice.deviceId();
      world.aliceListening = cluster.newDevice(world.alice);
      world.bob = cluster.newUser("bob");
      world.stranger = cluster.newUser("stranger");
      world.removed = cluster.newUser("carol");
      world.signedOut = cluster.newDevice(world.alice);
      world.direct = ConversationIds.direct(world.alice.userId(), world.bob.userId());
      world.group = GroupSupport.createGroup(world.alice, "matrix", world.bob, world.removed);
      try (ChatConnection alice = GroupSupport.connected(world.alice)) {
        send(alice, Frames.to(world.bob.userId(), DIRECT_SECRET));
        GroupSupport.applied(world.alice.groups().remove(world.group, world.removed.userId()));
        send(alice, Frames.inConversation(world.group, GROUP_SECRET_AFTER_REMOVAL));
      }
      assertThat(world.alice.delete("/api/devices/" + world.signedOut.deviceId()).status()).isEqualTo(204);
      return world;
    }

    private static void send(ChatConnection socket, SendFrame frame) {
      socket.send(frame);
      socket.await(AcceptedFrame.class, accepted -> accepted.clientMessageId().equals(frame.clientMessageId()), WAIT);
    }

    String fill(String text) {
      return text.replace("{direct}", direct).replace("{group}", group).replace("{alice}", alice.userId())
          .replace("{bob}", bob.userId()).replace("{stranger}", stranger.userId())
          .replace("{aliceDevice}", aliceDeviceId);
    }

    Map<String, Object> fill(Map<String, Object> body) {
      Map<String, Object> filled = new java.util.HashMap<>();
      body.forEach((key, value) -> {
        if (value instanceof String text) {
          filled.put(key, fill(text));
        } else if (value instanceof List<?> list) {
          List<Object> items = new ArrayList<>();
          list.forEach(item -> items.add(item instanceof String text ? fill(text) : item));
          filled.put(key, items);
        } else {
          filled.put(key, value);
        }
      });
      return filled;
    }
  }
}
