package io.switchboard.protocol.broker;

import java.time.Instant;
import java.util.List;

/**
 * Accounts to router: a change to a group's membership or name. The accounts service has checked who asks and
 * that the change is allowed as the group stood; the router, which applies the changes of one conversation
 * one after another with its messages, checks again and decides.
 *
 * @param commandId chosen by the accounts service, unique; a redelivered command is applied once
 * @param userIds the members the change is about: everyone in the group on CREATE (the actor first), the
 *     users to add, remove, promote or demote otherwise
 * @param name the group's name on CREATE and RENAME
 * @param avatarUrl on CREATE, optional
 * @param replyTo the routing key on {@link io.switchboard.protocol.topology.Topology#REPLY_EXCHANGE} that
 *     gets the {@link MembershipOutcome}; absent when nobody waits for it
 */
public record MembershipCommand(
    String commandId,
    String conversationId,
    String actorId,
    Change change,
    List<String> userIds,
    String name,
    String avatarUrl,
    String replyTo,
    Instant requestedAt) {

  public MembershipCommand {
    userIds = userIds == null ? List.of() : List.copyOf(userIds);
  }

  /** What is asked for. */
  public enum Change {
    CREATE,
    ADD,
    REMOVE,
    LEAVE,
    RENAME,
    PROMOTE,
    DEMOTE
  }
}
