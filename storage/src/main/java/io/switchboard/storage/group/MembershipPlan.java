package io.switchboard.storage.group;

import io.switchboard.protocol.ConversationEvent;
import io.switchboard.protocol.broker.MembershipRefusal;
import java.util.List;

/** What {@link MembershipRules} makes of a command against a group: refused, or the change to make. Values, not faults. */
public sealed interface MembershipPlan {

  /** The change is not made; {@code detail} says why, for people. */
  record Refused(MembershipRefusal refusal, String detail) implements MembershipPlan {}

  /**
   * The group after the change, the events that record it (in order), whose windows open at the events and
   * whose close.
   */
  record Accepted(GroupState after, List<ConversationEvent> events, List<String> joined, List<String> left)
      implements MembershipPlan {

    public Accepted {
      events = List.copyOf(events);
      joined = List.copyOf(joined);
      left = List.copyOf(left);
    }
  }
}
