package io.switchboard.bench.scenario;

import io.switchboard.bench.device.BenchDevice;
import io.switchboard.bench.measure.DeliveryLedger;
import io.switchboard.bench.population.Population.BenchUser;
import java.time.Duration;
import java.util.List;

/**
 * 1-1 chat at a steady rate: users talk in fixed pairs, each message from one partner's first device to the
 * other, alternating direction, spread round-robin over every pair. Every device of both partners receives it
 * (the sender's own device gets the acceptance instead).
 */
public final class SteadyOneToOne {

  private final Run run;
  private final List<BenchUser> users;
  private final List<BenchDevice> devices;

  public SteadyOneToOne(Run run, List<BenchUser> connectedUsers) {
    if (connectedUsers.size() < 2 || connectedUsers.size() % 2 != 0) {
      throw new IllegalArgumentException("1-1 load needs an even number of users, at least 2");
    }
    this.run = run;
    this.users = connectedUsers;
    this.devices = connectedUsers.stream().flatMap(user -> user.devices().stream()).toList();
  }

  public LoadResult run(double ratePerSecond, Duration duration) {
    int pairs = users.size() / 2;
    int devicesEach = users.get(0).devices().size();
    DeliveryLedger ledger = new DeliveryLedger();
    int recipients = 2 * devicesEach - 1;
    devices.forEach(device -> device.countInto(ledger, accepted -> recipients));
    OpenLoopLoad.Plan plan = (index, scheduled) -> {
      int pair = (int) (index % pairs);
      boolean forward = (index / pairs) % 2 == 0;
      BenchUser from = users.get(2 * pair + (forward ? 0 : 1));
      BenchUser to = users.get(2 * pair + (forward ? 1 : 0));
      return new OpenLoopLoad.Send(from.firstDevice(), OpenLoopLoad.frameTo(to.userId(), scheduled));
    };
    String label = String.format("%,.0f msg/s, %d users x %d devices", ratePerSecond, users.size(), devicesEach);
    return OpenLoopLoad.run("1-1", label, run, devices, plan, ratePerSecond, duration, ledger);
  }
}
