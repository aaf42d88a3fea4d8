package io.switchboard.protocol.broker;

/** The router refused a send; only the device that sent it is told, with an error frame. */
public record SendRejection(
    String userId, String deviceId, String clientMessageId, String code, String detail)
    implements UserDelivery {}
