package io.switchboard.discovery;

/**
 * An edge running in this very process. Without ZooKeeper (the all-in-one launcher) the discovery endpoint
 * answers with it, at the address the client used to ask.
 */
public interface LocalEdge {

  String edgeId();

  String zone();

  int connections();
}
