package io.switchboard.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Each service, run as its own process, exposes health and Prometheus metrics and tags its meters with its
 * name: the settings that make one dashboard work across a deployment.
 */
class ServiceManagementSettingsTest {

  @ParameterizedTest
  @ValueSource(strings = {"accounts", "edge", "router", "history", "search", "push"})
  void everyServiceExposesHealthAndPrometheusAndNamesItself(String service) throws IOException {
    Map<String, Object> settings = load(service + ".yaml");

    String exposed = (String) at(settings, "management", "endpoints", "web", "exposure", "include");
    assertThat(List.of(exposed.split(","))).contains("health", "prometheus");
    assertThat(at(settings, "management", "metrics", "tags", "application")).isEqualTo(service);
  }

  @Test
  void theAllInOneLauncherExposesTheSame() throws IOException {
    Map<String, Object> settings = load("application.yaml");

    String exposed = (String) at(settings, "management", "endpoints", "web", "exposure", "include");
    assertThat(List.of(exposed.split(","))).contains("health", "prometheus");
  }

  private static Map<String, Object> load(String resource) throws IOException {
    try (InputStream in = ServiceManagementSettingsTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource + " on the classpath").isNotNull();
      // as strict as Spring Boot, which refuses a file with a key twice (the whole service would not start)
      LoaderOptions strict = new LoaderOptions();
      strict.setAllowDuplicateKeys(false);
      return new Yaml(strict).load(in);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Object> settings, String... path) {
    Object current = settings;
    for (String key : path) {
      assertThat(current).as("settings up to " + key).isInstanceOf(Map.class);
      current = ((Map<String, Object>) current).get(key);
    }
    return current;
  }
}
