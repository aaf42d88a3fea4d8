package io.switchboard.app.embedded.standin;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * The embedded MongoDB stand-in's H2 file backend, with unique-index keys that compare natively instead of by
 * their serialization (see {@link KeyValueType} for why, {@link OrderedKeysH2Database} for older files).
 */
public final class OrderedKeysH2Backend extends H2Backend {

  public OrderedKeysH2Backend(MVStore store) {
    super(store);
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return OrderedKeysH2Database.open(databaseName, getMvStore(), getCursorRegistry());
  }
}
