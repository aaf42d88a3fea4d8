package io.switchboard.router.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.broker.Broker;
import io.switchboard.protocol.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Depth of the shared durable queues, read from the broker every few seconds: a growing router queue means
 * routers cannot keep up; a growing search queue means indexing lags. Gauges read the last answer, so a scrape
 * never waits on the broker.
 */
@Component
class QueueDepthGauges implements SmartInitializingSingleton, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(QueueDepthGauges.class);
  private static final Duration EVERY = Duration.ofSeconds(5);
  private static final List<String> QUEUES =
      List.of(Topology.ROUTER_QUEUE, Topology.ROUTER_RECEIPT_QUEUE, Topology.SEARCH_INDEX_QUEUE);

  private final Broker broker;
  private final Map<String, Integer> depths = new ConcurrentHashMap<>();
  private Disposable polling;

  QueueDepthGauges(Broker broker, MeterRegistry registry) {
    this.broker = broker;
    for (String queue : QUEUES) {
      Gauge.builder("switchboard.broker.queue.depth", depths, known -> known.getOrDefault(queue, -1))
          .description("messages ready in a shared queue (-1 until the broker has answered)")
          .tag("queue", queue)
          .register(registry);
    }
  }

  @Override
  public void afterSingletonsInstantiated() {
    // a slow broker answers after the next tick is due: skip that tick (interval fails on ticks nobody takes)
    polling = Flux.interval(EVERY, EVERY)
        .onBackpressureDrop()
        .concatMap(tick -> Flux.fromIterable(QUEUES).concatMap(this::read), 1)
        .subscribe();
  }

  private Mono<Void> read(String queue) {
    return broker.queueDepth(queue)
        .doOnNext(depth -> depths.put(queue, depth))
        .onErrorResume(error -> {
          // the queue not declared yet, or the broker away: the gauge keeps its last value
          log.debug("depth of {} not read: {}", queue, error.toString());
          return Mono.empty();
        })
        .then();
  }

  @Override
  public void destroy() {
    if (polling != null) {
      polling.dispose();
    }
  }
}
