package io.switchboard.accounts.group;

import io.switchboard.broker.RouterCommands;
import io.switchboard.protocol.broker.MembershipCommand;
import io.switchboard.protocol.broker.MembershipOutcome;
import io.switchboard.protocol.broker.MembershipRefusal;
import io.switchboard.security.AuthenticatedDevice;
import io.switchboard.storage.group.Group;
import io.switchboard.storage.group.GroupProperties;
import io.switchboard.storage.group.GroupStore;
import io.switchboard.storage.group.MembershipPlan;
import io.switchboard.storage.group.MembershipRules;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Makes a membership change happen: checks it against the group as it stands (so a refusal is answered at
 * once), queues it for the router on the conversation's lane, and waits for the router's outcome — bounded by
 * {@code switchboard.groups.outcome-timeout}, after which the change is reported pending.
 */
@Component
class MembershipChanges {

  private final GroupStore groups;
  private final MembershipRules rules;
  private final RouterCommands routerCommands;
  private final MembershipOutcomes outcomes;
  private final GroupProperties properties;

  MembershipChanges(
      GroupStore groups,
      MembershipRules rules,
      RouterCommands routerCommands,
      MembershipOutcomes outcomes,
      GroupProperties properties) {
    this.groups = groups;
    this.rules = rules;
    this.routerCommands = routerCommands;
    this.outcomes = outcomes;
    this.properties = properties;
  }

  /** A command from this caller, answered to this instance. */
  MembershipCommand command(AuthenticatedDevice caller, String groupId, MembershipCommand.Change change,
      List<String> userIds, String name, String avatarUrl) {
    return new MembershipCommand(UUID.randomUUID().toString().replace("-", ""), groupId, caller.userId(),
        change, userIds, name, avatarUrl, outcomes.replyTo(), Instant.now());
  }

  /** The outcome: applied (with the group after it, absent if the caller is no longer in it) or pending. */
  Mono<ChangeResult> submit(MembershipCommand command) {
    return groups.find(command.conversationId())
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(current -> {
          MembershipPlan plan = rules.plan(current.orElse(null), command);
          if (plan instanceof MembershipPlan.Refused refused) {
            return Mono.error(refusal(refused.refusal(), refused.detail()));
          }
          return outcomes
              .publishAndAwait(command.commandId(), routerCommands.membership(command), properties.outcomeTimeout())
              .flatMap(outcome -> applied(command, outcome))
              .defaultIfEmpty(new ChangeResult(
                  ChangeResult.PENDING, command.commandId(), command.conversationId(), List.of(), null));
        });
  }

  private Mono<ChangeResult> applied(MembershipCommand command, MembershipOutcome outcome) {
    if (!outcome.isApplied()) {
      return Mono.error(refusal(outcome.refusal(), outcome.detail()));
    }
    return groups.find(command.conversationId())
        .filter(group -> group.hasMember(command.actorId()))
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .map(group -> new ChangeResult(ChangeResult.APPLIED, command.commandId(), command.conversationId(),
            outcome.eventSeqs(), group.map(GroupView::of).orElse(null)));
  }

  private MembershipRefusedException refusal(MembershipRefusal refusal, String detail) {
    return MembershipRefusedException.of(refusal, detail, rules.maxMembers());
  }

  /** The group, if the caller is a member; the not-a-member problem otherwise (also when there is no such group). */
  Mono<Group> requireMember(String groupId, AuthenticatedDevice caller) {
    return groups.find(groupId)
        .filter(group -> group.hasMember(caller.userId()))
        .switchIfEmpty(Mono.error(() -> notAMember(groupId)));
  }

  MembershipRefusedException notAMember(String groupId) {
    return refusal(MembershipRefusal.NOT_A_MEMBER, "you are not a member of group " + groupId);
  }
}
