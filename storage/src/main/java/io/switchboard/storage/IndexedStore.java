package io.switchboard.storage;

import reactor.core.publisher.Mono;

/** A store whose collection needs indexes; created at start-up by {@link StorageConfiguration}. */
public interface IndexedStore {

  Mono<Void> ensureIndexes();
}
