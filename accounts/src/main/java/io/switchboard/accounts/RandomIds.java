package io.switchboard.accounts;

import java.util.UUID;
import java.util.regex.Pattern;

/** User and device ids: 32 lower-case hex characters, random, so they reveal neither order nor count. */
public final class RandomIds {

  private static final Pattern WELL_FORMED = Pattern.compile("[0-9a-f]{32}");

  private RandomIds() {}

  public static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** Whether a client-supplied id could be one of ours; a check before it goes anywhere near a query. */
  public static boolean isWellFormed(String id) {
    return id != null && WELL_FORMED.matcher(id).matches();
  }
}
