package io.switchboard.accounts.login;

import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Argon2id password hashing, off the event loop. Each hash is deliberately slow (tens of milliseconds of one
 * core, 16 MiB of memory), so hashing runs on its own bounded threads: at most one hash per core at once,
 * a bounded queue behind them, and a 503 beyond that rather than an event loop stalled or memory exhausted.
 */
@Component
public class PasswordHasher implements AutoCloseable {

  /** Argon2 as configured uses one thread per hash: more concurrent hashes than cores only adds memory. */
  static final int MAX_CONCURRENT_HASHES = Runtime.getRuntime().availableProcessors();

  /** Hashes waiting for a thread; a burst beyond this is refused (503) instead of queued without bound. */
  static final int MAX_QUEUED_HASHES = 256;

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final int LANES = 1;

  private final PasswordEncoder encoder;

  static final String THREAD_NAME_PREFIX = "password-hashing";

  private final Scheduler hashingThreads;

  /** A real hash of nothing anyone knows, to verify against when the username does not exist. */
  private final String decoyHash;

  @Autowired
  public PasswordHasher(PasswordHashingProperties cost) {
    this(cost, MAX_CONCURRENT_HASHES, MAX_QUEUED_HASHES);
  }

  PasswordHasher(PasswordHashingProperties cost, int maxConcurrentHashes, int maxQueuedHashes) {
    this.encoder = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, LANES, cost.memoryKib(), cost.iterations());
    this.decoyHash = encoder.encode(UUID.randomUUID().toString());
    this.hashingThreads = Schedulers.newBoundedElastic(maxConcurrentHashes, maxQueuedHashes, THREAD_NAME_PREFIX);
  }

  public Mono<String> hash(String password) {
    return onHashingThreads(() -> encoder.encode(password));
  }

  public Mono<Boolean> matches(String password, String hash) {
    return onHashingThreads(() -> encoder.matches(password, hash));
  }

  /**
   * Spends the time a real check would, for a login to an unknown username, so response times do not tell
   * an attacker which usernames exist.
   */
  public Mono<Void> matchAgainstDecoy(String password) {
    return matches(password, decoyHash).then();
  }

  private <T> Mono<T> onHashingThreads(Callable<T> work) {
    return Mono.fromCallable(work)
        .subscribeOn(hashingThreads)
        .onErrorMap(RejectedExecutionException.class, PasswordHashingBusyException::new);
  }

  @Override
  public void close() {
    hashingThreads.dispose();
  }
}
