package io.switchboard.app.embedded.standin;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * The embedded MongoDB stand-in's H2 file backend, with index keys that compare natively instead of by their
 * serialization (see {@link KeyValueType} for why), non-unique indexes that answer queries instead of being
 * ignored ({@link OrderedKeysSecondaryIndex}) and documents stored as BSON instead of Java-serialized
 * ({@link BsonDocumentType}); {@link OrderedKeysH2Database} says how files written before are moved over.
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
