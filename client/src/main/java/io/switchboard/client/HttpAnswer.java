package io.switchboard.client;

import tools.jackson.databind.JsonNode;

/** An HTTP answer: status, content type and the JSON body (null when empty). */
public record HttpAnswer(int status, String contentType, JsonNode body) {}
