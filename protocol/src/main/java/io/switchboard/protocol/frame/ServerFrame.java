package io.switchboard.protocol.frame;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What the server sends to a device. The "type" member names the variant. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = WelcomeFrame.class, name = WelcomeFrame.TYPE),
  @JsonSubTypes.Type(value = MessageFrame.class, name = MessageFrame.TYPE),
  @JsonSubTypes.Type(value = AcceptedFrame.class, name = AcceptedFrame.TYPE),
  @JsonSubTypes.Type(value = SyncedFrame.class, name = SyncedFrame.TYPE),
  @JsonSubTypes.Type(value = ErrorFrame.class, name = ErrorFrame.TYPE),
  @JsonSubTypes.Type(value = PongFrame.class, name = PongFrame.TYPE),
  @JsonSubTypes.Type(value = ReceiptFrame.class, name = ReceiptFrame.TYPE),
  @JsonSubTypes.Type(value = ReadStateFrame.class, name = ReadStateFrame.TYPE),
  @JsonSubTypes.Type(value = PresenceFrame.class, name = PresenceFrame.TYPE),
  @JsonSubTypes.Type(value = TypingNoticeFrame.class, name = TypingNoticeFrame.TYPE)
})
public sealed interface ServerFrame
    permits WelcomeFrame, MessageFrame, AcceptedFrame, SyncedFrame, ErrorFrame, PongFrame,
        ReceiptFrame, ReadStateFrame, PresenceFrame, TypingNoticeFrame {}
