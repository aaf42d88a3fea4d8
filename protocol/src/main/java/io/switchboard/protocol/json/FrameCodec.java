package io.switchboard.protocol.json;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.frame.ClientFrame;
import io.switchboard.protocol.frame.ServerFrame;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns socket text into frames and back. Decoding a client frame never throws anything but
 * {@link FrameException}, whose code tells the device exactly what was wrong.
 */
public final class FrameCodec {

  /** Read from {@link ClientFrame}'s own type list, so a new frame type cannot be forgotten here. */
  private static final Map<String, Class<? extends ClientFrame>> CLIENT_FRAME_TYPES = clientFrameTypes();

  private final JsonMapper mapper = SwitchboardJson.mapper();
  /** Made once: a writer per frame written would be one more object for every frame every socket gets. */
  private final ObjectWriter serverFrameWriter = mapper.writerFor(ServerFrame.class);
  private final ObjectWriter clientFrameWriter = mapper.writerFor(ClientFrame.class);
  private final ObjectReader serverFrameReader = mapper.readerFor(ServerFrame.class);

  public ClientFrame decodeClientFrame(String text) {
    JsonNode tree;
    try {
      tree = mapper.readTree(text);
    } catch (JacksonException e) {
      throw new FrameException(ErrorCode.MALFORMED_JSON, "frame is not valid JSON: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new FrameException(ErrorCode.MALFORMED_JSON, "frame must be a JSON object");
    }
    JsonNode type = tree.get("type");
    if (type == null || !type.isString()) {
      throw new FrameException(ErrorCode.INVALID_FRAME, "frame has no 'type' member");
    }
    Class<? extends ClientFrame> frameClass = CLIENT_FRAME_TYPES.get(type.asString());
    if (frameClass == null) {
      throw new FrameException(
          ErrorCode.UNKNOWN_TYPE,
          "unknown frame type '" + type.asString() + "'; known types: " + CLIENT_FRAME_TYPES.keySet());
    }
    try {
      return mapper.treeToValue(tree, frameClass);
    } catch (JacksonException e) {
      JsonNode clientMessageId = tree.get("clientMessageId");
      throw new FrameException(ErrorCode.INVALID_FRAME, describe(type.asString(), e),
          clientMessageId != null && clientMessageId.isString() ? clientMessageId.asString() : null);
    }
  }

  public String encode(ServerFrame frame) {
    return serverFrameWriter.writeValueAsString(frame);
  }

  /** For clients (the test client, the load generator): the other direction. */
  public ServerFrame decodeServerFrame(String text) {
    return serverFrameReader.readValue(text);
  }

  public String encode(ClientFrame frame) {
    return clientFrameWriter.writeValueAsString(frame);
  }

  private static Map<String, Class<? extends ClientFrame>> clientFrameTypes() {
    Map<String, Class<? extends ClientFrame>> types = new TreeMap<>();
    for (JsonSubTypes.Type type : ClientFrame.class.getAnnotation(JsonSubTypes.class).value()) {
      types.put(type.name(), type.value().asSubclass(ClientFrame.class));
    }
    return java.util.Collections.unmodifiableMap(types);
  }

  private static String describe(String type, JacksonException e) {
    // a constructor check's message ("'body' is required") is the useful part; Jackson wraps it
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    String reason = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
    return "invalid '" + type + "' frame: " + reason;
  }
}
