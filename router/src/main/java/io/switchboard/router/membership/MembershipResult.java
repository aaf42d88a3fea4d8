package io.switchboard.router.membership;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.broker.MembershipRefusal;
import java.util.List;

/** What became of one membership command. Both are expected outcomes, not faults. */
public sealed interface MembershipResult {

  /** Applied: the events it stored, in sequence order, each with the members it is due to. */
  record Applied(List<EventDelivery> events) implements MembershipResult {

    public Applied {
      events = List.copyOf(events);
    }

    public List<Long> eventSeqs() {
      return events.stream().map(event -> event.message().seq()).toList();
    }
  }

  /** Refused; only the instance that asked hears of it. */
  record Refused(MembershipRefusal refusal, String detail) implements MembershipResult {}

  /**
   * One stored event and whom it goes to: the members after the change, and those whose membership it ends —
   * they learn of it, and then of nothing more.
   */
  record EventDelivery(ChatMessage message, List<String> members) {

    public EventDelivery {
      members = List.copyOf(members);
    }
  }
}
