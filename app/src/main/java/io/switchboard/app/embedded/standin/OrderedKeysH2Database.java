package io.switchboard.app.embedded.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 database with unique indexes whose keys compare natively ({@link KeyValueType}),
 * non-unique indexes that it otherwise lacks ({@link OrderedKeysSecondaryIndex}; {@link OrderedKeysH2Collection}
 * asks them after the unique ones), and documents stored as BSON ({@link BsonDocumentType}) instead of
 * Java-serialized.
 *
 * <p>Such an index lives in a map of its own name ({@link #ORDERED_SUFFIX} after the stock one): a map written
 * by the stock backend is ordered by serialized bytes, and searching it in another order would miss keys. A
 * collection's documents likewise live in a map of their own name ({@link #BSON_SUFFIX}): the stock map's values
 * are in another encoding. A stock map found on opening (a file written before) is copied into the new map and
 * then removed; if the process stops half way, the stock map is still there and the copy is made again.
 */
final class OrderedKeysH2Database extends H2Database {

  private static final Logger log = LoggerFactory.getLogger(OrderedKeysH2Database.class);

  static final String ORDERED_SUFFIX = ".ordered";
  static final String SECONDARY_SUFFIX = ".secondary";
  static final String BSON_SUFFIX = ".bson";

  /** The stock backend's names for a collection's documents and its metadata (data size). */
  private static final String DATA_PREFIX = "databases.";
  private static final String META_PREFIX = "meta.";

  /**
   * The store of the database being constructed: the stock constructor opens the existing indexes (calling
   * {@link #openOrCreateUniqueIndex}) before a subclass's fields are set.
   */
  private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

  private final MVStore store;

  private OrderedKeysH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
    super(databaseName, store, cursorRegistry);
    this.store = store;
  }

  static OrderedKeysH2Database open(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
    OPENING.set(store);
    try {
      return new OrderedKeysH2Database(databaseName, store, cursorRegistry);
    } finally {
      OPENING.remove();
    }
  }

  private MVStore store() {
    return store != null ? store : OPENING.get();
  }

  @Override
  protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
      boolean sparse) {
    String stockName = stockMapName(collectionName, indexName);
    MVStore store = store();
    MVMap<KeyValue, Object> map = store.openMap(stockName + ORDERED_SUFFIX,
        new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
    moveStockMap(store, stockName, map);
    return new OrderedKeysIndex(map, indexName, keys, sparse);
  }

  /**
   * A non-unique index, which the stock backend ignores (see {@link OrderedKeysSecondaryIndex}). A map opened
   * empty for a collection that has documents (a file written before) is filled by the collection as it adds
   * the index, as for a new index.
   */
  @Override
  protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
      boolean sparse) {
    MVMap<KeyValue, Object> map = store().openMap(stockMapName(collectionName, indexName) + SECONDARY_SUFFIX,
        new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
    return new OrderedKeysSecondaryIndex(map, indexName, keys, sparse);
  }

  @Override
  protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
    String namespace = getFullCollectionNamespace(collectionName);
    MVStore store = store();
    MVMap<Object, Document> documents = store.openMap(DATA_PREFIX + namespace + BSON_SUFFIX,
        new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
    moveStockMap(store, DATA_PREFIX + namespace, documents);
    MVMap<String, Object> meta = store.openMap(META_PREFIX + namespace);
    return new OrderedKeysH2Collection(this, collectionName, options, documents, meta, cursorRegistry);
  }

  @Override
  public void dropCollection(String collectionName, Oplog oplog) {
    super.dropCollection(collectionName, oplog);
    String documents = DATA_PREFIX + getFullCollectionNamespace(collectionName) + BSON_SUFFIX;
    if (store().hasMap(documents)) {
      store().removeMap(documents);
    }
  }

  @Override
  public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
    String from = DATA_PREFIX + collection.getFullName() + BSON_SUFFIX;
    String stockTo = DATA_PREFIX + getFullCollectionNamespace(newCollectionName);
    super.moveCollection(oldDatabase, collection, newCollectionName);
    // the stock move renamed an empty map it opened under the stock name: not ours, not wanted
    if (store().hasMap(stockTo)) {
      store().removeMap(stockTo);
    }
    if (store().hasMap(from)) {
      store().renameMap(store().openMap(from), stockTo + BSON_SUFFIX);
    }
  }

  /**
   * Copies a map the stock backend wrote into its replacement, then removes it (see the class comment); its
   * entries are of the replacement's types, only stored in another order or encoding.
   */
  private static <K, V> void moveStockMap(MVStore store, String stockName, MVMap<K, V> replacement) {
    if (!store.hasMap(stockName)) {
      return;
    }
    MVMap<K, V> stock = store.openMap(stockName);
    log.info("moving {} ({} entries) to {}", stockName, stock.sizeAsLong(), replacement.getName());
    stock.forEach(replacement::put);
    store.removeMap(stock);
  }

  @Override
  protected void dropIndex(MongoCollection<Object> collection, String indexName) {
    super.dropIndex(collection, indexName);
    String stockName = stockMapName(collection.getCollectionName(), indexName);
    for (String name : List.of(stockName + ORDERED_SUFFIX, stockName + SECONDARY_SUFFIX)) {
      if (store().hasMap(name)) {
        store().removeMap(name);
      }
    }
  }

  /** The name the stock H2 backend gives an index's map. */
  private String stockMapName(String collectionName, String indexName) {
    return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
  }
}
