package io.switchboard.storage;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;

/** Unique indexes are how we keep duplicates out; this recognises their refusal (E11000). */
public final class DuplicateKeys {

  private DuplicateKeys() {}

  public static boolean isDuplicateKey(Throwable error) {
    if (error instanceof MongoWriteException write) {
      return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
    return error instanceof MongoException mongo && mongo.getCode() == 11000;
  }
}
