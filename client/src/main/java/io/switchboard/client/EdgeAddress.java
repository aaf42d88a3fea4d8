package io.switchboard.client;

import java.net.URI;

/**
 * The edge discovery named for this client ({@code GET /api/discovery/edge}).
 *
 * @param edgeId which edge
 * @param url where to open the socket
 * @param zone the edge's zone
 * @param connections sockets open on it when it last reported
 */
public record EdgeAddress(String edgeId, URI url, String zone, int connections) {}
