package io.switchboard.storage;

import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Equality filters on two fields written as one plain document, {@code {"a": x, "b": y}}, rather than with
 * the driver's {@code Filters.and}, which renders {@code {"$and": [{"a": x}, {"b": y}]}}. Both mean the same
 * to MongoDB. The embedded stand-in the all-in-one server runs on (mongo-java-server) answers a filter from
 * an index only when the filter's top-level fields are exactly that index's fields; given {@code $and} it
 * scans the whole collection under the collection's lock. The benchmark found such scans on every message.
 */
public final class ExactMatch {

  private ExactMatch() {}

  public static Bson of(String field, Object value, String otherField, Object otherValue) {
    return new Document(field, value).append(otherField, otherValue);
  }
}
