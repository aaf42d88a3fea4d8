package io.switchboard.protocol.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON configuration every frame and broker payload is written with. */
public final class SwitchboardJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          // absent rather than null keeps frames small and lets fields be added without breaking old clients
          .changeDefaultPropertyInclusion(
              inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
          // newer clients may send members this server does not know yet
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private SwitchboardJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }
}
