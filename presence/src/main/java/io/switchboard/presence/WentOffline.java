package io.switchboard.presence;

import java.time.Instant;

/** A user's last device went: they are offline since {@code at}, which is also their last seen. */
public record WentOffline(String userId, Instant at) {}
