package io.switchboard.webserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * A real Reactor Netty server under Spring Boot and a client that sends each request on a reused connection as
 * soon as the previous answer is in (what browsers and the JDK client do), alternating between an answer written
 * from a timer thread (most of ours: they wait for a database or the broker) and one written at once (a cached
 * health check, a refusal). Every request is answered. Without {@link KeepAliveReadFix} the server now and then
 * never reads the request after one that came in while it was still closing out the one before (here three
 * runs in three stalled within their first 330 requests).
 */
class KeepAliveReadFixTest {

  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class AnsweringLater {
    @Bean
    RouterFunction<ServerResponse> routes() {
      return RouterFunctions.route()
          .GET("/later", request -> Mono.delay(Duration.ofMillis(1)).then(ServerResponse.ok().bodyValue("ok")))
          .GET("/now", request -> ServerResponse.ok().bodyValue("ok"))
          .build();
    }
  }

  private static ConfigurableApplicationContext server;
  private static int port;

  @BeforeAll
  static void start() {
    server = new SpringApplicationBuilder(AnsweringLater.class)
        .properties("server.port=0", "spring.main.banner-mode=off").run();
    port = ((WebServerApplicationContext) server).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void startingAServiceSetsThePropertyUnlessTheOperatorDid() {
    assertThat(System.getProperty(KeepAliveReadFix.PROPERTY)).isEqualTo("true");
  }

  @Test
  void everyRequestOnAReusedConnectionIsAnswered() throws IOException {
    int answered = 0;
    for (int connection = 0; connection < 100; connection++) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout((int) ANSWER_WITHIN.toMillis());
        for (int request = 0; request < 20; request++) {
          String path = request % 2 == 0 ? "/later" : "/now";
          socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          String answer;
          try {
            answer = readAnswer(socket.getInputStream());
          } catch (SocketTimeoutException stalled) {
            throw new AssertionError("request " + request + " on connection " + connection + " (after " + answered
                + " answered) got no answer within " + ANSWER_WITHIN, stalled);
          }
          assertThat(answer).startsWith("HTTP/1.1 200").endsWith("ok");
          answered++;
        }
      }
    }
    assertThat(answered).isEqualTo(2_000);
  }

  /** One answer with a Content-Length body, read to its last byte and no further. */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed mid-answer: " + head);
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.US_ASCII);
    int length = headers.lines()
        .filter(line -> line.regionMatches(true, 0, "content-length:", 0, 15))
        .mapToInt(line -> Integer.parseInt(line.substring(15).trim()))
        .findFirst().orElseThrow(() -> new IOException("no Content-Length: " + headers));
    return headers + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
  }
}
