package io.switchboard.protocol.frame;

/** First frame on every socket: who the server believes is connected, and the limits that apply. */
public record WelcomeFrame(
    String userId, String deviceId, int protocolVersion, int maxFrameBytes, int maxBodyLength)
    implements ServerFrame {

  public static final String TYPE = "welcome";
}
