package io.switchboard.edge.discovery;

import io.switchboard.discovery.LocalEdge;
import io.switchboard.edge.EdgeDiscoveryProperties;
import io.switchboard.edge.EdgeProperties;
import io.switchboard.edge.session.DeviceSessions;
import org.springframework.stereotype.Component;

/** This edge as discovery describes it: its id, its zone, and the sockets open on it now. */
@Component
class ThisEdge implements LocalEdge {

  private final EdgeProperties edge;
  private final EdgeDiscoveryProperties discovery;
  private final DeviceSessions sessions;

  ThisEdge(EdgeProperties edge, EdgeDiscoveryProperties discovery, DeviceSessions sessions) {
    this.edge = edge;
    this.discovery = discovery;
    this.sessions = sessions;
  }

  @Override
  public String edgeId() {
    return edge.id();
  }

  @Override
  public String zone() {
    return discovery.zone();
  }

  @Override
  public int connections() {
    return sessions.connectedDevices();
  }
}
