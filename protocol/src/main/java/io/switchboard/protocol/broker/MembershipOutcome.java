package io.switchboard.protocol.broker;

import java.util.List;

/**
 * Router to the accounts instance that asked: what became of a {@link MembershipCommand}. Either applied,
 * with the sequence numbers of the events it put in the conversation, or refused with the reason.
 */
public record MembershipOutcome(
    String commandId, String conversationId, List<Long> eventSeqs, MembershipRefusal refusal, String detail) {

  public MembershipOutcome {
    eventSeqs = eventSeqs == null ? List.of() : List.copyOf(eventSeqs);
  }

  public static MembershipOutcome applied(MembershipCommand command, List<Long> eventSeqs) {
    return new MembershipOutcome(command.commandId(), command.conversationId(), eventSeqs, null, null);
  }

  public static MembershipOutcome refused(MembershipCommand command, MembershipRefusal refusal, String detail) {
    return new MembershipOutcome(command.commandId(), command.conversationId(), List.of(), refusal, detail);
  }

  public boolean isApplied() {
    return refusal == null;
  }
}
