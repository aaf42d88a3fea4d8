package io.switchboard.bench.scenario;

import io.switchboard.bench.device.BenchDevice;
import io.switchboard.bench.measure.DeliveryLedger;
import io.switchboard.bench.population.Population.BenchUser;
import io.switchboard.client.HttpAnswer;
import java.time.Duration;
import java.util.List;

/** One group; members take turns sending at a steady rate, and every member's every device receives each message. */
public final class GroupFanOut {

  private final Run run;
  private final List<BenchUser> members;
  private final List<BenchDevice> devices;
  private final String conversationId;

  public GroupFanOut(Run run, List<BenchUser> connectedMembers) {
    this.run = run;
    this.members = connectedMembers;
    this.devices = connectedMembers.stream().flatMap(user -> user.devices().stream()).toList();
    BenchUser creator = connectedMembers.get(0);
    List<String> others = connectedMembers.subList(1, connectedMembers.size()).stream()
        .map(BenchUser::userId).toList();
    HttpAnswer created = creator.firstDevice().session().groups().create("bench group", others);
    if (created.status() != 201) {
      throw new IllegalStateException("could not create the benchmark group: " + created);
    }
    this.conversationId = created.body().get("groupId").asString();
  }

  public LoadResult run(double ratePerSecond, Duration duration) {
    DeliveryLedger ledger = new DeliveryLedger();
    int recipients = devices.size() - 1;
    devices.forEach(device -> device.countInto(ledger, accepted -> recipients));
    OpenLoopLoad.Plan plan = (index, scheduled) -> new OpenLoopLoad.Send(
        members.get((int) (index % members.size())).firstDevice(),
        OpenLoopLoad.frameIn(conversationId, scheduled));
    String label = String.format("%d members, %,.0f msg/s", members.size(), ratePerSecond);
    return OpenLoopLoad.run("group", label, run, devices, plan, ratePerSecond, duration, ledger);
  }
}
