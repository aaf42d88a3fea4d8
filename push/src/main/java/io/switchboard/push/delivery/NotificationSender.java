package io.switchboard.push.delivery;

import io.switchboard.push.PushProperties;
import io.switchboard.push.provider.ProviderAnswer;
import io.switchboard.push.provider.PushProvider;
import io.switchboard.push.provider.PushProviders;
import io.switchboard.push.target.PushTarget;
import io.switchboard.push.target.PushTargetStore;
import io.switchboard.storage.device.DeviceDirectory;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Sends one notification to every target of its user, each on its own: a target the provider reports gone is
 * removed; a transient failure is tried again with backoff, up to {@link PushProperties#attempts()}; what
 * still fails, or is refused outright, goes to the dead-letter queue with the reason. Completes once every
 * target has an outcome, so the caller can acknowledge the push events it covers.
 */
@Component
public class NotificationSender {

  private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

  /** Targets of one user notified at once (a user has a handful of devices). */
  static final int TARGET_CONCURRENCY = 8;

  private final PushTargetStore targets;
  private final PushProviders providers;
  private final DeadLetters deadLetters;
  private final PushProperties properties;
  private final DeviceDirectory devices;
  private final PushMetrics metrics;

  NotificationSender(
      PushTargetStore targets,
      PushProviders providers,
      DeadLetters deadLetters,
      PushProperties properties,
      DeviceDirectory devices,
      PushMetrics metrics) {
    this.devices = devices;
    this.metrics = metrics;
    this.targets = targets;
    this.providers = providers;
    this.deadLetters = deadLetters;
    this.properties = properties;
  }

  /**
   * The user's targets that a configured provider can reach: empty for most offline users, and then nothing
   * else (settings, badge) needs to be read. A target whose registering device has been signed out is removed
   * here: a phone handed on must not show the previous owner's messages.
   */
  public Mono<List<PushTarget>> reachableTargets(String userId) {
    return targets.ofUser(userId)
        .filter(target -> providers.of(target.provider()).isPresent())
        .filterWhen(target -> devices.isActive(userId, target.deviceId())
            .flatMap(active -> active ? Mono.just(true) : forgetSignedOut(target)))
        .collectList();
  }

  private Mono<Boolean> forgetSignedOut(PushTarget target) {
    log.info("push target {} ({}) belongs to a signed-out device: removed", target.targetId(),
        target.provider().wireName());
    return targets.remove(target.userId(), target.targetId()).thenReturn(false);
  }

  public Mono<Void> send(Notification notification, List<PushTarget> reachable) {
    return Flux.fromIterable(reachable)
        .flatMap(target -> providers.of(target.provider())
            .map(provider -> send(provider, target, notification))
            .orElseGet(Mono::empty), TARGET_CONCURRENCY)
        .then();
  }

  private Mono<Void> send(PushProvider provider, PushTarget target, Notification notification) {
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<String> lastReason = new AtomicReference<>("no answer");
    return Mono.defer(() -> {
          attempts.incrementAndGet();
          return provider.send(target, notification).timeout(properties.providerTimeout());
        })
        .onErrorResume(error -> !(error instanceof TransientFailure),
            error -> Mono.just(ProviderAnswer.transientFailure(error.toString())))
        .flatMap(answer -> {
          metrics.answered(target.provider(), answer);
          lastReason.set(answer.reason());
          return switch (answer.outcome()) {
            case DELIVERED -> Mono.<Void>empty();
            case UNREGISTERED -> forget(target, answer);
            case REJECTED -> deadLetter(target, notification, answer.reason(), attempts.get());
            case TRANSIENT_FAILURE -> Mono.<Void>error(new TransientFailure(answer.reason()));
          };
        })
        .retryWhen(Retry.backoff(properties.attempts() - 1L, properties.firstRetryDelay())
            .maxBackoff(properties.maxRetryDelay())
            .filter(TransientFailure.class::isInstance)
            .doBeforeRetry(retry -> log.debug("push to {} target {} failed, retrying: {}",
                target.provider().wireName(), target.targetId(), lastReason.get())))
        .onErrorResume(error -> deadLetter(target, notification, lastReason.get(), attempts.get()));
  }

  private Mono<Void> deadLetter(PushTarget target, Notification notification, String reason, int attempts) {
    metrics.deadLettered(target.provider());
    return deadLetters.add(target, notification, reason, attempts);
  }

  private Mono<Void> forget(PushTarget target, ProviderAnswer answer) {
    log.info("push target {} ({}) is gone ({}): removed", target.targetId(), target.provider().wireName(),
        answer.reason());
    return targets.remove(target.userId(), target.targetId()).then();
  }

  /** A provider answer or transport error worth another try. */
  static final class TransientFailure extends RuntimeException {
    TransientFailure(String reason) {
      super(reason, null, false, false);
    }
  }
}
