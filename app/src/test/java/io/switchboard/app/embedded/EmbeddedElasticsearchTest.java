package io.switchboard.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedElasticsearchTest {

  @Test
  void answersTheRootAndIndexesADocument(@TempDir Path home) throws Exception {
    try (EmbeddedElasticsearch elasticsearch = EmbeddedElasticsearch.start(home, 0)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> root = http.send(
          HttpRequest.newBuilder(URI.create(elasticsearch.uri() + "/")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(root.statusCode()).isEqualTo(200);
      assertThat(root.body()).contains("8.19.21");
      assertThat(root.headers().firstValue("X-elastic-product")).contains("Elasticsearch");

      HttpResponse<String> indexed = http.send(
          HttpRequest.newBuilder(URI.create(elasticsearch.uri() + "/probe/_doc/1?refresh=true"))
              .header("Content-Type", "application/json")
              .PUT(HttpRequest.BodyPublishers.ofString("{\"body\":\"hello embedded world\"}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(indexed.statusCode()).isEqualTo(201);
      HttpResponse<String> found = http.send(
          HttpRequest.newBuilder(URI.create(elasticsearch.uri() + "/probe/_search?q=body:embedded")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(found.body()).contains("hello embedded world");
    }
  }
}
