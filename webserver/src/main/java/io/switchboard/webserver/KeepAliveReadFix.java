package io.switchboard.webserver;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps Reactor Netty's HTTP/1.1 server reading a keep-alive connection after each answer.
 *
 * <p>Reactor Netty 1.3.6 (what Spring Boot 4.0.7 brings) now and then stops reading a keep-alive connection:
 * when a client's next request arrives before the server has finished closing out the previous one (the
 * answer was written from another thread, as most of ours are), the request is parked, answered, and then
 * nothing asks the socket for more. The connection's next request is never read; the client waits for its
 * own timeout. Here that was as often as one request in 30 on a reused connection (a browser's, the JDK client's),
 * and a failing end-to-end test. Reported as reactor/reactor-netty#4361, fixed there after 1.3.7.
 *
 * <p>{@code reactor.netty.http.server.lastFlushWhenNoRead=true} makes the server finish the previous request
 * before it looks at the next, which removes that path (reactor/reactor-netty#4347 measures it). Reactor Netty
 * reads the property once, when its HTTP handler class loads, so it is set here, before any server starts;
 * an operator's own {@code -D} setting wins. Remove this class once the project is on a Reactor Netty with
 * the fix; {@code KeepAliveReadFixTest} says whether the server still stalls without it.
 */
public final class KeepAliveReadFix implements EnvironmentPostProcessor {

  static final String PROPERTY = "reactor.netty.http.server.lastFlushWhenNoRead";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, "true");
    }
  }
}
