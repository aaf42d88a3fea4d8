package io.switchboard.app.e2e.push;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A notification a provider test server accepted, after checking its authentication for real.
 *
 * @param address the token or subscription it was for
 * @param headers the request headers that matter to the provider (lower-case names)
 * @param payload the JSON the app gets (for Web Push, decrypted)
 */
record Received(String address, Map<String, String> headers, JsonNode payload, Instant at) {}
