package io.switchboard.discovery;

import java.util.Objects;

/**
 * One running edge as discovery knows it, and as {@code GET /api/discovery/edge} answers.
 *
 * @param edgeId the edge's id (also the name of its broker queue)
 * @param url where a client opens its WebSocket, e.g. {@code ws://10.0.0.7:8090/ws}
 * @param zone where the edge runs (a data centre, a region); clients prefer an edge of their own zone
 * @param connections sockets open on the edge when it last reported
 */
public record EdgeInstance(String edgeId, String url, String zone, int connections) {

  public EdgeInstance {
    Objects.requireNonNull(edgeId, "edgeId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(zone, "zone");
  }

  public EdgeInstance withConnections(int current) {
    return new EdgeInstance(edgeId, url, zone, current);
  }
}
