package io.switchboard.storage.batching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads by key for many callers in one query: the keys of every caller waiting go into one {@code $in} (one per
 * {@link #MAX_KEYS_PER_QUERY} keys), and each caller gets the part it asked for (see {@link CommandCoalescer} for
 * when callers wait). Made for what every
 * connecting device reads, so a hundred devices coming back at once cost a few queries, not a few hundred.
 *
 * <p>A key with nothing stored under it is absent from the caller's map.
 *
 * @param <V> what is stored under one key
 */
public final class KeyedReads<V> {

  /** Callers served by one query at most; each may name many keys. */
  private static final int MAX_CALLERS = 64;

  /**
   * Keys named by one query at most: the callers' keys together (or one caller's, for a user in thousands of
   * conversations) go in several queries of this many, one after another, so no query grows with them.
   */
  static final int MAX_KEYS_PER_QUERY = 1_000;

  private final Function<Collection<String>, Flux<Map.Entry<String, V>>> readIn;
  private final CommandCoalescer<Collection<String>, Map<String, V>> reads;

  /** @param readIn every stored key of those given with its value, in one query */
  public KeyedReads(Function<Collection<String>, Flux<Map.Entry<String, V>>> readIn) {
    this.readIn = readIn;
    this.reads = new CommandCoalescer<>(this::readForAll, this::readFor, MAX_CALLERS, 1);
  }

  /** What is stored under each of the keys; without a query if there are none. */
  public Mono<Map<String, V>> read(Collection<String> keys) {
    return keys.isEmpty() ? Mono.just(Map.of()) : reads.submit(keys);
  }

  /** The value under one key, empty if there is none. */
  public Mono<V> read(String key) {
    return read(List.of(key)).flatMap(found -> Mono.justOrEmpty(found.get(key)));
  }

  private Mono<Map<String, V>> readFor(Collection<String> keys) {
    return Flux.fromIterable(inQueries(keys))
        .concatMap(readIn)
        .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
  }

  private static List<Collection<String>> inQueries(Collection<String> keys) {
    if (keys.size() <= MAX_KEYS_PER_QUERY) {
      return List.of(keys);
    }
    List<String> all = List.copyOf(keys);
    List<Collection<String>> queries = new ArrayList<>();
    for (int from = 0; from < all.size(); from += MAX_KEYS_PER_QUERY) {
      queries.add(all.subList(from, Math.min(all.size(), from + MAX_KEYS_PER_QUERY)));
    }
    return queries;
  }

  private Mono<List<Map<String, V>>> readForAll(List<Collection<String>> callers) {
    Set<String> every = new LinkedHashSet<>();
    callers.forEach(every::addAll);
    return readFor(every).map(found -> callers.stream()
        .map(keys -> {
          Map<String, V> part = new HashMap<>();
          for (String key : keys) {
            V value = found.get(key);
            if (value != null) {
              part.put(key, value);
            }
          }
          return part;
        })
        .toList());
  }
}
