package io.switchboard.app.embedded.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * requires the index's first field (and perhaps the next ones) to equal a plain value, at its top level or in an
 * {@code $and}; the collection then matches the documents found against the whole query, sorts and limits, as
 * it does after a scan. So the index only has to name every document that can match — a superset is fine, a
 * miss is not. Any other query (ranges, {@code $or}, operators, nulls, documents or arrays as values, dotted
 * fields) is still a scan, as are aggregations (counts among them): mongo-java-server reads every document for
 * those.
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
    return !leadingEqualities(query).isEmpty();
  }

  /** The positions of every document with the queried values in the index's leading fields. */
  @Override
  public synchronized Iterable<Object> getPositions(Document query) {
    List<Object> prefix = normalized(leadingEqualities(query));
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
   * The values the query requires of the index's fields, from the first field on, as long as it requires one
   * of each: every matching document has an entry that starts with them. Empty if it requires none of the first.
   */
  private Map<String, Object> leadingEqualities(Document query) {
    Map<String, Object> required = new HashMap<>();
    collectEqualities(query, required);
    Map<String, Object> leading = new LinkedHashMap<>();
    for (String field : fields) {
      if (field.contains(".") || !required.containsKey(field)) {
        break;
      }
      leading.put(field, required.get(field));
    }
    return leading;
  }

  /**
   * Fields the query requires to equal a plain value: its own, and those of its {@code $and} clauses (the
   * driver writes {@code Filters.and} so). Anything under {@code $or}, {@code $nor} or an operator is left out.
   */
  private static void collectEqualities(Document query, Map<String, Object> required) {
    query.forEach((field, value) -> {
      if ("$and".equals(field) && value instanceof List<?> clauses) {
        clauses.stream()
            .filter(Document.class::isInstance)
            .forEach(clause -> collectEqualities((Document) clause, required));
      } else if (!field.startsWith("$") && isPlain(value)) {
        // two different values for one field match nothing: either one gives a (needless) superset
        required.putIfAbsent(field, value);
      }
    });
  }

  private static boolean isPlain(Object value) {
    return value != null && PLAIN_VALUES.stream().anyMatch(type -> type.isInstance(value));
  }

  /**
   * The values as a stored document's would be keyed: they are made into a document and keyed the same way
   * (plain values give one key, the index's other fields absent), and the leading values taken.
   */
  private List<Object> normalized(Map<String, Object> leading) {
    Document probe = new Document();
    leading.forEach(probe::put);
    KeyValue key = getKeyValues(probe).iterator().next();
    List<Object> values = new ArrayList<>(leading.size());
    for (int i = 0; i < leading.size(); i++) {
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

  /**
   * Moves only the entries whose keys changed. Most updates leave an index's fields alone (a read mark's
   * conversation, a device's user), and those are told apart first by the fields' values, without computing
   * keys.
   */
  @Override
  public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
      MongoCollection<Object> collection) {
    if (sameTopLevelValues(oldDocument, newDocument)) {
      return;
    }
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

  /** Whether the index's fields, all at the top level, hold equal values in both documents. */
  private boolean sameTopLevelValues(Document oldDocument, Document newDocument) {
    for (String field : fields) {
      if (field.contains(".") || !Objects.equals(oldDocument.get(field), newDocument.get(field))) {
        return false;
      }
    }
    return true;
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
