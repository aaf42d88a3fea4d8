package io.switchboard.storage;

import java.time.Duration;

/** Bounds on what one storage call may take or return. */
public final class StorageLimits {

  /** How long start-up waits for index creation before failing loudly. */
  public static final Duration INDEX_CREATION_TIMEOUT = Duration.ofSeconds(30);

  /** Largest page any read returns, whatever the caller asks for. */
  public static final int MAX_PAGE_SIZE = 200;

  private StorageLimits() {}
}
