package io.switchboard.app.embedded.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * <p>Each document has one entry per key it yields (several for an array field: a multikey index) followed by
 * its position, so equal keys of different documents stay apart. A query is answered from the index when it
 * asks for equality with plain values on exactly the index's first fields, its leading ones; the collection then
 * matches the documents found against the whole query, sorts and limits, as it does after a scan. So the index
 * only has to name every document that can match — a superset is fine, a miss is not; every other query (ranges,
 * operators, nulls, documents or arrays as values, dotted fields) is still a scan.
 *
 * <p>The position of a document in the H2 backend is its {@code _id}; a document being removed is found by it.
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
  private final List<String> fields;

  OrderedKeysSecondaryIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    this.map = map;
    this.fields = keys.stream().map(IndexKey::getKey).toList();
  }

  @Override
  public synchronized boolean canHandle(Document query) {
    int asked = query.size();
    if (asked == 0 || asked > fields.size()) {
      return false;
    }
    for (String field : fields.subList(0, asked)) {
      if (field.contains(".") || !query.containsKey(field) || !isPlain(query.get(field))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPlain(Object value) {
    return value != null && PLAIN_VALUES.stream().anyMatch(type -> type.isInstance(value));
  }

  /** The positions of every document with the queried values in the index's leading fields. */
  @Override
  public synchronized Iterable<Object> getPositions(Document query) {
    int asked = query.size();
    List<Object> prefix = leadingValues(query, asked);
    List<Object> positions = new ArrayList<>();
    Cursor<KeyValue, Object> cursor = map.cursor(new KeyValue(prefix));
    while (cursor.hasNext()) {
      KeyValue entry = cursor.next();
      if (!startsWith(entry, prefix)) {
        break;
      }
      positions.add(entry.get(entry.size() - 1));
    }
    return positions;
  }

  /**
   * The query's values for the index's first {@code asked} fields, normalized as a stored document's are: the
   * query's fields are made into a document and keyed the same way (plain values give one key).
   */
  private List<Object> leadingValues(Document query, int asked) {
    Document probe = new Document();
    fields.subList(0, asked).forEach(field -> probe.put(field, query.get(field)));
    KeyValue key = getKeyValues(probe).iterator().next();
    List<Object> values = new ArrayList<>(asked);
    for (int i = 0; i < asked; i++) {
      values.add(key.get(i));
    }
    return values;
  }

  private static boolean startsWith(KeyValue entry, List<Object> prefix) {
    for (int i = 0; i < prefix.size(); i++) {
      if (KeyValueType.compareValues(entry.get(i), prefix.get(i)) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
    for (KeyValue key : getKeyValues(document)) {
      map.put(entry(key, position), PRESENT);
    }
  }

  @Override
  public synchronized Object remove(Document document) {
    Object position = document.get(ID);
    for (KeyValue key : getKeyValues(document)) {
      map.remove(entry(key, position));
    }
    return position;
  }

  /** Moves only the entries whose keys changed: most updates leave an index's fields alone. */
  @Override
  public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
      MongoCollection<Object> collection) {
    Set<KeyValue> before = getKeyValues(oldDocument);
    Set<KeyValue> after = getKeyValues(newDocument);
    if (before.equals(after)) {
      return;
    }
    Set<KeyValue> gone = new HashSet<>(before);
    gone.removeAll(after);
    Set<KeyValue> added = new HashSet<>(after);
    added.removeAll(before);
    gone.forEach(key -> map.remove(entry(key, position)));
    added.forEach(key -> map.put(entry(key, position), PRESENT));
  }

  private static KeyValue entry(KeyValue key, Object position) {
    List<Object> values = new ArrayList<>(key.size() + 1);
    key.forEach(values::add);
    values.add(position);
    return new KeyValue(values);
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

  /** Entries, one per key of each document. */
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
