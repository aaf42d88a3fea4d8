package io.switchboard.app.embedded.standin;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.h2.mvstore.MVMap;

/**
 * The stand-in's H2 collection, choosing among its indexes: a unique index that can answer a query first, then a
 * non-unique one ({@link OrderedKeysSecondaryIndex}), else every document. mongo-java-server asks its indexes in
 * the order they were created and takes the first that can answer; with non-unique indexes that answer too, a
 * sequence number's {@code {_id, members}} would be looked up through all of the sender's conversations rather
 * than the one the unique {@code (_id, members)} index names.
 */
final class OrderedKeysH2Collection extends H2Collection {

  OrderedKeysH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
      MVMap<Object, Document> documents, MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
    super(database, collectionName, options, documents, meta, cursorRegistry);
  }

  @Override
  protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
      int batchSize, Document fieldSelector) {
    Index<Object> index = answering(getIndexes(), query);
    if (index == null) {
      return matchDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
    }
    return matchDocuments(query, index.getPositions(query), orderBy, numberToSkip, numberToReturn, batchSize,
        fieldSelector);
  }

  /** The index to answer the query from: unique ones first, each kind in its order; null if none can. */
  static <P> Index<P> answering(List<Index<P>> indexes, Document query) {
    Index<P> nonUnique = null;
    for (Index<P> index : indexes) {
      if (index.canHandle(query)) {
        if (index.isUnique()) {
          return index;
        }
        if (nonUnique == null) {
          nonUnique = index;
        }
      }
    }
    return nonUnique;
  }
}
