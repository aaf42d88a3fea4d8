package io.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.switchboard.protocol.frame.ClientFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.json.FrameCodec;
import io.switchboard.protocol.json.SwitchboardJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Keeps docs/protocol.md and docs/asyncapi.yaml true to the frames in this module. Every fenced block marked
 * {@code json client-frame} or {@code json server-frame} in protocol.md is decoded with {@link FrameCodec} and
 * must encode back to the same JSON; every frame type the codec knows must have such an example; every error
 * code must be documented. The AsyncAPI document must name every frame type, and its example payloads must
 * decode too. Adding a frame type without documenting it fails the build here.
 */
class ProtocolDocumentationTest {

  static final String CLIENT_FRAME_FENCE = "json client-frame";
  static final String SERVER_FRAME_FENCE = "json server-frame";

  private static final Path PROTOCOL_DOC = Path.of("docs", "protocol.md");
  private static final Path ASYNCAPI_DOC = Path.of("docs", "asyncapi.yaml");

  /** An opening fence with its info string, the block's lines, the closing fence. */
  private static final Pattern FENCED_BLOCK =
      Pattern.compile("(?m)^```([^\\n`]*)\\n(.*?)^```\\s*$", Pattern.DOTALL);

  /** In asyncapi.yaml each example payload is written as one line of JSON (valid YAML flow style). */
  private static final Pattern ASYNCAPI_EXAMPLE_PAYLOAD = Pattern.compile("(?m)^\\s*payload:\\s*(\\{.*\\})\\s*$");

  private final FrameCodec codec = new FrameCodec();

  @Test
  void everyClientFrameTypeHasAnExampleThatDecodesAndRoundTrips() {
    List<String> examples = fencedBlocks(read(PROTOCOL_DOC), CLIENT_FRAME_FENCE);
    Map<String, Class<?>> types = subtypes(ClientFrame.class);
    Set<Class<?>> covered = new java.util.HashSet<>();
    for (String example : examples) {
      ClientFrame frame = decodeClientExample(example, "protocol.md");
      assertSameJson(codec.encode(frame), example, "protocol.md client-frame example");
      covered.add(frame.getClass());
    }
    assertThat(missing(types, covered))
        .as("client frame types without a ```%s example in %s", CLIENT_FRAME_FENCE, PROTOCOL_DOC)
        .isEmpty();
  }

  @Test
  void everyServerFrameTypeHasAnExampleThatDecodesAndRoundTrips() {
    List<String> examples = fencedBlocks(read(PROTOCOL_DOC), SERVER_FRAME_FENCE);
    Map<String, Class<?>> types = subtypes(ServerFrame.class);
    Set<Class<?>> covered = new java.util.HashSet<>();
    for (String example : examples) {
      ServerFrame frame = decodeServerExample(example, "protocol.md");
      assertSameJson(codec.encode(frame), example, "protocol.md server-frame example");
      covered.add(frame.getClass());
    }
    assertThat(missing(types, covered))
        .as("server frame types without a ```%s example in %s", SERVER_FRAME_FENCE, PROTOCOL_DOC)
        .isEmpty();
  }

  @Test
  void everyErrorCodeIsDocumentedByItsWireName() {
    String doc = read(PROTOCOL_DOC);
    List<String> undocumented = Arrays.stream(ErrorCode.values())
        .map(ErrorCode::wireName)
        .filter(wireName -> !doc.contains("`" + wireName + "`"))
        .toList();
    assertThat(undocumented).as("error codes not named (in backticks) in %s", PROTOCOL_DOC).isEmpty();
  }

  @Test
  void theProtocolDocumentNamesItsVersionAndSubprotocol() {
    String doc = read(PROTOCOL_DOC);
    assertThat(doc)
        .contains("Protocol version " + ProtocolVersion.VERSION)
        .contains("`" + ProtocolVersion.SUBPROTOCOL + "`")
        .contains(ProtocolVersion.BEARER_SUBPROTOCOL_PREFIX);
  }

  @Test
  void asyncApiNamesEveryFrameTypeAndErrorCode() {
    String asyncApi = read(ASYNCAPI_DOC);
    Set<String> typeNames = new TreeSet<>(subtypes(ClientFrame.class).keySet());
    typeNames.addAll(subtypes(ServerFrame.class).keySet());
    List<String> unnamed = typeNames.stream()
        .filter(name -> !asyncApi.contains("const: " + name))
        .toList();
    assertThat(unnamed).as("frame types %s does not name with 'const: <type>'", ASYNCAPI_DOC).isEmpty();
    List<String> unlisted = Arrays.stream(ErrorCode.values())
        .map(ErrorCode::wireName)
        .filter(wireName -> !asyncApi.contains("- " + wireName + "\n"))
        .toList();
    assertThat(unlisted).as("error codes missing from the ErrorCode enum in %s", ASYNCAPI_DOC).isEmpty();
  }

  @Test
  void asyncApiExamplesDecodeRoundTripAndCoverEveryFrameType() {
    Map<String, Class<?>> clientTypes = subtypes(ClientFrame.class);
    Map<String, Class<?>> serverTypes = subtypes(ServerFrame.class);
    Set<Class<?>> covered = new java.util.HashSet<>();
    Matcher payloads = ASYNCAPI_EXAMPLE_PAYLOAD.matcher(read(ASYNCAPI_DOC));
    while (payloads.find()) {
      String example = payloads.group(1);
      String type = typeOf(example, "asyncapi.yaml");
      // a type name may be both a client and a server frame (typing); the example's members tell which
      if (clientTypes.containsKey(type) && (!serverTypes.containsKey(type) || decodesAsClientFrame(example))) {
        ClientFrame frame = decodeClientExample(example, "asyncapi.yaml");
        assertSameJson(codec.encode(frame), example, "asyncapi.yaml example");
        covered.add(frame.getClass());
      } else {
        ServerFrame frame = decodeServerExample(example, "asyncapi.yaml");
        assertSameJson(codec.encode(frame), example, "asyncapi.yaml example");
        covered.add(frame.getClass());
      }
    }
    Set<Class<?>> allTypes = new java.util.HashSet<>(clientTypes.values());
    allTypes.addAll(serverTypes.values());
    allTypes.removeAll(covered);
    assertThat(allTypes)
        .as("frame types without an example payload in %s", ASYNCAPI_DOC)
        .isEmpty();
  }

  // --- helpers

  private boolean decodesAsClientFrame(String example) {
    try {
      return SwitchboardJson.mapper().readTree(codec.encode(codec.decodeClientFrame(example)))
          .equals(SwitchboardJson.mapper().readTree(example));
    } catch (RuntimeException notAClientFrame) {
      return false;
    }
  }

  /** The type names and classes a sealed frame interface declares for Jackson. */
  static Map<String, Class<?>> subtypes(Class<?> frameInterface) {
    JsonSubTypes declared = frameInterface.getAnnotation(JsonSubTypes.class);
    assertThat(declared).as("@JsonSubTypes on %s", frameInterface.getSimpleName()).isNotNull();
    Map<String, Class<?>> types = new LinkedHashMap<>();
    for (JsonSubTypes.Type type : declared.value()) {
      types.put(type.name(), type.value());
    }
    assertThat(types).as("subtypes of %s", frameInterface.getSimpleName()).isNotEmpty();
    return types;
  }

  /** The contents of every fenced block whose info string is exactly {@code info}. */
  static List<String> fencedBlocks(String markdown, String info) {
    List<String> blocks = new ArrayList<>();
    Matcher matcher = FENCED_BLOCK.matcher(markdown.replace("\r\n", "\n"));
    while (matcher.find()) {
      if (matcher.group(1).strip().equals(info)) {
        blocks.add(matcher.group(2).strip());
      }
    }
    return blocks;
  }

  private ClientFrame decodeClientExample(String example, String where) {
    try {
      return codec.decodeClientFrame(example);
    } catch (RuntimeException e) {
      return fail("a client frame example in %s does not decode (%s):%n%s", where, e.getMessage(), example);
    }
  }

  private ServerFrame decodeServerExample(String example, String where) {
    try {
      return codec.decodeServerFrame(example);
    } catch (RuntimeException e) {
      return fail("a server frame example in %s does not decode (%s):%n%s", where, e.getMessage(), example);
    }
  }

  private static String typeOf(String example, String where) {
    try {
      JsonNode type = SwitchboardJson.mapper().readTree(example).get("type");
      assertThat(type).as("'type' of an example in %s: %s", where, example).isNotNull();
      return type.asString();
    } catch (RuntimeException e) {
      return fail("an example in %s is not JSON (%s):%n%s", where, e.getMessage(), example);
    }
  }

  /**
   * The example, decoded and encoded again, must be the same JSON: otherwise it shows a member the frame does
   * not have (the codec ignores unknown members), or misses one the server always sends.
   */
  private static void assertSameJson(String encoded, String example, String what) {
    JsonNode expected = SwitchboardJson.mapper().readTree(example);
    JsonNode actual = SwitchboardJson.mapper().readTree(encoded);
    assertThat(actual).as("%s, decoded and encoded again:%n%s%nbut the example is:%n%s", what, encoded, example)
        .isEqualTo(expected);
  }

  private static Set<String> missing(Map<String, Class<?>> types, Set<Class<?>> covered) {
    return types.entrySet().stream()
        .filter(type -> !covered.contains(type.getValue()))
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Maven runs tests in the module directory; walk up from there to the repository's docs folder. */
  static String read(Path relative) {
    Path directory = Path.of("").toAbsolutePath();
    while (directory != null) {
      Path candidate = directory.resolve(relative);
      if (Files.isRegularFile(candidate)) {
        try {
          return Files.readString(candidate, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new IllegalStateException("cannot read " + candidate, e);
        }
      }
      directory = directory.getParent();
    }
    return fail("%s not found in %s or any directory above it", relative, Path.of("").toAbsolutePath());
  }
}
