package io.switchboard.protocol.broker;

/** The account signed this device out: an edge holding its socket closes it. */
public record DeviceSignedOut(String userId, String deviceId) implements UserDelivery {}
