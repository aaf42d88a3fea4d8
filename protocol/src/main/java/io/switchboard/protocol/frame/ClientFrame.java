package io.switchboard.protocol.frame;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What a device sends on its socket. The "type" member names the variant. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SendFrame.class, name = SendFrame.TYPE),
  @JsonSubTypes.Type(value = AckFrame.class, name = AckFrame.TYPE),
  @JsonSubTypes.Type(value = ReadFrame.class, name = ReadFrame.TYPE),
  @JsonSubTypes.Type(value = PingFrame.class, name = PingFrame.TYPE),
  @JsonSubTypes.Type(value = TypingFrame.class, name = TypingFrame.TYPE),
  @JsonSubTypes.Type(value = PresenceQueryFrame.class, name = PresenceQueryFrame.TYPE)
})
public sealed interface ClientFrame permits SendFrame, AckFrame, ReadFrame, PingFrame, TypingFrame, PresenceQueryFrame {}
