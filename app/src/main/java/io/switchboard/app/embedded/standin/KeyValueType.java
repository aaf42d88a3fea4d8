package io.switchboard.app.embedded.standin;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the stand-in's indexes keep their keys in H2: compared value by value, as Java objects.
 *
 * <p>Why: mongo-java-server's index key ({@link KeyValue}) is not {@link Comparable}, so H2's default key type
 * orders such keys by their Java serialization, serializing both keys anew on every comparison of every lookup
 * and insert. The benchmark's profiles found that the busiest work of the whole server (a fifth of its CPU at a
 * steady 50 messages/s, a quarter in a reconnect storm). Only equality matters to the indexes (lookups by key or
 * by leading values; range queries scan and filter), so any total order consistent with {@link KeyValue#equals}
 * does, as long as it is value by value from the first: keys that share their leading values then lie together,
 * after the shorter key made of those values alone ({@link OrderedKeysSecondaryIndex} looks them up so).
 *
 * <p>On disk a key is its number of values, then each value: a marker for an absent field, or the value as H2
 * writes a plain object (strings and numbers natively, anything else serialized).
 */
final class KeyValueType extends BasicDataType<KeyValue> {

  static final KeyValueType INSTANCE = new KeyValueType();

  /**
   * Marks an absent field apart from the values: {@link Missing} is equal only to its one instance, which a
   * deserialized copy is not.
   */
  private static final byte MISSING = 1;

  private static final byte PRESENT = 0;

  private final ObjectDataType values = new ObjectDataType();

  private KeyValueType() {}

  @Override
  public int compare(KeyValue a, KeyValue b) {
    int common = Math.min(a.size(), b.size());
    for (int i = 0; i < common; i++) {
      int order = compareValues(a.get(i), b.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /**
   * Values of different classes by class name; of one class by their natural order where they have one; else
   * equal if equal, otherwise by their serialized bytes (embedded documents, arrays: rare in keys).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareValues(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    if (a == null || b == null) {
      return a == null ? -1 : 1;
    }
    Class<?> aClass = a.getClass();
    Class<?> bClass = b.getClass();
    if (aClass != bClass) {
      return aClass.getName().compareTo(bClass.getName());
    }
    if (a instanceof Comparable comparable) {
      return comparable.compareTo(b);
    }
    if (a.equals(b)) {
      return 0;
    }
    return Arrays.compare(ObjectDataType.serialize(a), ObjectDataType.serialize(b));
  }

  @Override
  public int getMemory(KeyValue key) {
    int memory = 48;
    for (Object value : key) {
      memory += value == null ? 8 : values.getMemory(value);
    }
    return memory;
  }

  @Override
  public void write(WriteBuffer buffer, KeyValue key) {
    buffer.putVarInt(key.size());
    for (Object value : key) {
      if (value instanceof Missing) {
        buffer.put(MISSING);
      } else {
        buffer.put(PRESENT);
        values.write(buffer, value);
      }
    }
  }

  @Override
  public KeyValue read(ByteBuffer buffer) {
    int size = DataUtils.readVarInt(buffer);
    List<Object> read = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      read.add(buffer.get() == MISSING ? Missing.getInstance() : values.read(buffer));
    }
    return new KeyValue(read);
  }

  @Override
  public KeyValue[] createStorage(int size) {
    return new KeyValue[size];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyValueType;
  }

  @Override
  public int hashCode() {
    return KeyValueType.class.hashCode();
  }
}
