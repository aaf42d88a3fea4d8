package io.switchboard.app.embedded.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index of the stand-in, which mongo-java-server does not have: it ignores such an index, so every
 * query on a non-unique field (a user's conversations by member, a user's devices or push targets) read every
 * document of its collection under the collection's lock — a conversation list took ~50 ms among 50,000
 * conversations, and every send waited for it (docs/performance.md, thirteenth pass).
 *
 * <p>It keys documents by the index's <em>first</em> field only, one entry per value (several for an array: a
 * multikey index) followed by the document's position, so equal values of different documents stay apart. The
 * lookups it serves are by that field's value; the later fields matter to a real MongoDB's sorted reads, and
 * keying them here would re-key the index on every write that moves one (a conversation's last activity moves
 * with every message) for nothing.
 *
 * <p>A query is answered from the index when it requires the first field to equal a plain value, at its top
 * level or in an {@code $and}; the collection then matches the documents found against the whole query, sorts
 * and limits, as it does after a scan. So the index only has to name every document that can match — a superset
 * is fine, a miss is not. Any other query (ranges, {@code $or}, operators, nulls, documents or arrays as values, a
 * dotted first field) is still a scan, as are aggregations (counts among them): mongo-java-server reads every
 * document for those.
 *
 * <p>The position of a document in the H2 backend is its {@code _id}; a document being removed is found by it.
 * A sparse index is kept whole (documents without the field too): no query it answers asks for a missing value.
 */
final class OrderedKeysSecondaryIndex extends Index<Object> {

  private static final String ID = "_id";

  /** What a document's entry maps to: nothing, the key holds it all. */
  private static final Boolean PRESENT = Boolean.TRUE;

  /**
   * Query values (as the stand-in decodes BSON) whose key the index computes exactly as a stored document's:
   * numbers are normalized (1, 1L and 1.0 are one key, as they are equal to MongoDB).
   */
  private static final List<Class<?>> PLAIN_VALUES = List.of(
      String.class, Integer.class, Long.class, Double.class, Boolean.class, Instant.class, ObjectId.class, UUID.class);

  private final MVMap<KeyValue, Object> map;
  private final String field;
  /**
   * Computes the first field's keys as mongo-java-server computes any index's: the value found by its path,
   * normalized, one key per element of an array. (A placeholder index of the library's, used for nothing else.)
   */
  private final Index<Object> firstField;

  OrderedKeysSecondaryIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    this.map = map;
    this.field = keys.get(0).getKey();
    this.firstField = new EmptyIndex<>(name, List.of(keys.get(0)));
  }

  @Override
  public synchronized boolean canHandle(Document query) {
    return !field.contains(".") && requiredValue(query).isPresent();
  }

  /** The positions of every document that has the value the query requires of the first field. */
  @Override
  public synchronized Iterable<Object> getPositions(Document query) {
    Object value = keysOf(new Document(field, requiredValue(query).orElseThrow())).iterator().next().get(0);
    List<Object> positions = new ArrayList<>();
    Cursor<KeyValue, Object> cursor = map.cursor(new KeyValue(value));
    while (cursor.hasNext()) {
      KeyValue entry = cursor.next();
      if (KeyValueType.compareValues(entry.get(0), value) != 0) {
        break;
      }
      positions.add(entry.get(1));
    }
    return positions;
  }

  /**
   * The plain value the query requires the first field to equal: as one of its fields, or in one of its
   * {@code $and} clauses (the driver writes {@code Filters.and} so). Anything under {@code $or}, {@code $nor} or
   * an operator is left out. Two different values for the field match nothing; either gives a (needless) superset.
   */
  private Optional<Object> requiredValue(Document query) {
    Object value = query.get(field);
    if (isPlain(value)) {
      return Optional.of(value);
    }
    if (query.get("$and") instanceof List<?> clauses) {
      return clauses.stream()
          .filter(Document.class::isInstance)
          .map(clause -> requiredValue((Document) clause))
          .flatMap(Optional::stream)
          .findFirst();
    }
    return Optional.empty();
  }

  /** A loop, not a stream: every send's sequence number asks this index before the unique one answers. */
  private static boolean isPlain(Object value) {
    if (value == null) {
      return false;
    }
    for (Class<?> type : PLAIN_VALUES) {
      if (type.isInstance(value)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
    for (KeyValue key : keysOf(document)) {
      map.put(entry(key, position), PRESENT);
    }
  }

  @Override
  public synchronized Object remove(Document document) {
    Object position = document.get(ID);
    for (KeyValue key : keysOf(document)) {
      map.remove(entry(key, position));
    }
    return position;
  }

  /**
   * Moves only the entries whose keys changed. Most updates leave the field alone (a conversation's members on
   * each message, a read mark's conversation), and those are told apart by its value, without computing keys.
   */
  @Override
  public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
      MongoCollection<Object> collection) {
    if (!field.contains(".") && Objects.equals(oldDocument.get(field), newDocument.get(field))) {
      return;
    }
    Set<KeyValue> before = keysOf(oldDocument);
    Set<KeyValue> after = keysOf(newDocument);
    Set<KeyValue> gone = new HashSet<>(before);
    gone.removeAll(after);
    Set<KeyValue> added = new HashSet<>(after);
    added.removeAll(before);
    gone.forEach(key -> map.remove(entry(key, position)));
    added.forEach(key -> map.put(entry(key, position), PRESENT));
  }

  private Set<KeyValue> keysOf(Document document) {
    return firstField.getKeyValues(document);
  }

  private static KeyValue entry(KeyValue key, Object position) {
    return new KeyValue(key.get(0), position);
  }

  /** Nothing to check: keys may repeat. */
  @Override
  public void checkAdd(Document document, MongoCollection<Object> collection) {}

  @Override
  public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {}

  /** No single document answers to a non-unique key (as for mongo-java-server's own placeholder index). */
  @Override
  public Object getPosition(Document document) {
    return null;
  }

  /** Entries, one per value of each document. */
  @Override
  public long getCount() {
    return map.sizeAsLong();
  }

  @Override
  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public long getDataSize() {
    return getCount();
  }

  /** The map itself is removed by {@link OrderedKeysH2Database#dropIndex}. */
  @Override
  public void drop() {}
}
