package io.switchboard.edge.session;

import io.switchboard.protocol.broker.UserDelivery;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** The devices connected to this edge, by user: where a delivery on a user's routing key is handed out. */
@Component
public class DeviceSessions {

  /**
   * A user's sessions change only inside the map's compute for that user: a set emptied by one socket leaving is
   * dropped from the map there, so a session added to it outside would be in no set the edge dispatches to.
   */
  private final ConcurrentHashMap<String, Set<DeviceSession>> byUser = new ConcurrentHashMap<>();
  private final Supplier<Set<DeviceSession>> newSet;
  private volatile boolean draining;

  public DeviceSessions() {
    this(ConcurrentHashMap::newKeySet);
  }

  /** For tests that need to hold a set's change half-way; the sets must be safe for concurrent reads. */
  DeviceSessions(Supplier<Set<DeviceSession>> newSet) {
    this.newSet = newSet;
  }

  public void add(DeviceSession session) {
    byUser.compute(session.userId(), (user, sessions) -> {
      Set<DeviceSession> userSessions = sessions == null ? newSet.get() : sessions;
      userSessions.add(session);
      return userSessions;
    });
    if (draining) {
      session.drain(); // its handshake passed just before the drain began
    }
  }

  /**
   * From now on every socket here, open or still opening, is told to reconnect elsewhere; returns how many
   * were open. Handshakes that arrive later are refused.
   */
  public int drainAll() {
    draining = true;
    int open = 0;
    for (Set<DeviceSession> sessions : byUser.values()) {
      for (DeviceSession session : sessions) {
        session.drain();
        open++;
      }
    }
    return open;
  }

  public boolean isDraining() {
    return draining;
  }

  public void remove(DeviceSession session) {
    byUser.computeIfPresent(session.userId(), (user, sessions) -> {
      sessions.remove(session);
      return sessions.isEmpty() ? null : sessions;
    });
  }

  /**
   * Hands the delivery to every session of its user on this edge, and of each other user it names (one copy
   * reaches this edge for all of them); a slow session never holds up the others.
   */
  public void dispatch(UserDelivery delivery) {
    offer(delivery.userId(), delivery);
    for (String alsoFor : delivery.alsoFor()) {
      offer(alsoFor, delivery);
    }
  }

  private void offer(String userId, UserDelivery delivery) {
    Set<DeviceSession> sessions = byUser.get(userId);
    if (sessions != null) {
      sessions.forEach(session -> session.offer(delivery));
    }
  }

  /** Tells every session here to catch up from the database; returns how many there are. */
  public int catchUpAll() {
    int[] count = new int[1];
    byUser.values().forEach(sessions -> sessions.forEach(session -> {
      session.catchUp();
      count[0]++;
    }));
    return count[0];
  }

  public int connectedDevices() {
    return byUser.values().stream().mapToInt(Set::size).sum();
  }
}
