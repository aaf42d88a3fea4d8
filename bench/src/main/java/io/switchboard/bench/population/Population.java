package io.switchboard.bench.population;

import io.switchboard.bench.device.BenchDevice;
import io.switchboard.client.Session;
import io.switchboard.client.SwitchboardHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates the benchmark's users over the public HTTP API, each signed in on its devices. Sign-up and login pay
 * for Argon2id on the server (tens of milliseconds of a core each, by design), so this is done once per run,
 * a few at a time, before any clock starts.
 */
public final class Population {

  /** Enough requests in flight to keep the server's hashing threads busy, no more (it refuses beyond a queue). */
  private static final int PARALLEL_REQUESTS = 8;

  private final SwitchboardHttp http;
  private final String runTag = Long.toString(System.currentTimeMillis() % 100_000_000L, 36)
      + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
  private final String password = "bench-" + runTag + "-passphrase-Kq7!";
  private int created;

  public Population(SwitchboardHttp http) {
    this.http = http;
  }

  /** {@code users} new users with {@code devicesEach} signed-in devices each. */
  public List<BenchUser> create(int users, int devicesEach) {
    ExecutorService workers = Executors.newFixedThreadPool(PARALLEL_REQUESTS);
    try {
      List<Future<BenchUser>> pending = new ArrayList<>();
      for (int i = 0; i < users; i++) {
        String username = "b" + runTag + "_" + (created++);
        pending.add(workers.submit(() -> createOne(username, devicesEach)));
      }
      List<BenchUser> made = new ArrayList<>(users);
      for (Future<BenchUser> user : pending) {
        made.add(user.get());
      }
      return made;
    } catch (Exception e) {
      throw new IllegalStateException("could not create the benchmark's users", e);
    } finally {
      workers.shutdownNow();
    }
  }

  private BenchUser createOne(String username, int devices) {
    int status = http.signUp(username, password).status();
    if (status != 201) {
      throw new IllegalStateException("sign-up of " + username + " answered " + status);
    }
    List<BenchDevice> signedIn = new ArrayList<>(devices);
    for (int d = 0; d < devices; d++) {
      Session session = http.logIn(username, password);
      signedIn.add(new BenchDevice(session));
    }
    return new BenchUser(signedIn.get(0).userId(), username, signedIn);
  }

  /** One user and the devices it is signed in on. */
  public record BenchUser(String userId, String username, List<BenchDevice> devices) {

    public BenchDevice firstDevice() {
      return devices.get(0);
    }
  }
}
