package io.switchboard.storage;

import java.time.Duration;

/** Bounds on what one storage call may take or return. */
public final class StorageLimits {

  /**
   * How long start-up waits for index creation and one-off data migrations (the member index, message places)
   * before failing loudly. Generous because a migration walks a whole collection once, and a bound it cannot
   * meet would fail every start alike; an unreachable database still fails within the driver's 30 s server
   * selection timeout.
   */
  public static final Duration INDEX_CREATION_TIMEOUT = Duration.ofMinutes(30);

  /** Largest page any read returns, whatever the caller asks for. */
  public static final int MAX_PAGE_SIZE = 200;

  private StorageLimits() {}
}
