package io.switchboard.storage.group;

import io.switchboard.protocol.ConversationEvent;
import io.switchboard.protocol.ConversationEvent.Type;
import io.switchboard.protocol.broker.MembershipCommand;
import io.switchboard.protocol.broker.MembershipRefusal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Who may change what in a group, as one pure function of the group and the command. The accounts service asks
 * it before it queues a command (so the caller gets a clear answer at once); the router asks it again when it
 * applies the command, against the group as it is then, and that answer stands.
 *
 * <ul>
 *   <li>Any member may rename the group and may leave it.
 *   <li>Only admins add, remove, promote and demote; removing yourself is leaving.
 *   <li>A group keeps an admin while it has members: the last admin cannot be demoted, and when the last admin
 *       leaves, the longest-standing remaining member (first in join order) becomes admin.
 *   <li>A group has at most {@code maxMembers} members.
 * </ul>
 */
public final class MembershipRules {

  private final int maxMembers;

  public MembershipRules(int maxMembers) {
    this.maxMembers = maxMembers;
  }

  public int maxMembers() {
    return maxMembers;
  }

  /** @param group the group as it stands, null if there is none */
  public MembershipPlan plan(Group group, MembershipCommand command) {
    if (command.change() == MembershipCommand.Change.CREATE) {
      return create(group, command);
    }
    String actor = command.actorId();
    if (group == null || !group.hasMember(actor)) {
      return refused(MembershipRefusal.NOT_A_MEMBER, "you are not a member of group " + command.conversationId());
    }
    if (command.change() == MembershipCommand.Change.LEAVE) {
      return leave(group, actor);
    }
    if (command.change() == MembershipCommand.Change.RENAME) {
      GroupState state = group.state();
      return new MembershipPlan.Accepted(
          new GroupState(command.name(), state.avatarUrl(), state.members(), state.admins()),
          List.of(new ConversationEvent(Type.RENAMED, actor, List.of(), command.name())), List.of(), List.of());
    }
    if (!group.isAdmin(actor)) {
      return refused(MembershipRefusal.NOT_AN_ADMIN,
          "only admins of group " + group.groupId() + " can add, remove, promote or demote members");
    }
    List<String> named = distinct(command.userIds());
    switch (command.change()) {
      case ADD:
        return add(group, actor, named);
      case REMOVE:
        return remove(group, actor, named);
      case PROMOTE:
        return promote(group, actor, named);
      case DEMOTE:
        return demote(group, actor, named);
      default:
        throw new IllegalArgumentException("no rule for " + command.change());
    }
  }

  private MembershipPlan create(Group existing, MembershipCommand command) {
    if (existing != null) {
      return refused(MembershipRefusal.GROUP_EXISTS, "group " + command.conversationId() + " exists already");
    }
    List<String> members = new ArrayList<>(List.of(command.actorId()));
    distinct(command.userIds()).stream().filter(userId -> !members.contains(userId)).forEach(members::add);
    if (members.size() > maxMembers) {
      return full(members.size());
    }
    GroupState state = new GroupState(command.name(), command.avatarUrl(), members, List.of(command.actorId()));
    return new MembershipPlan.Accepted(state,
        List.of(new ConversationEvent(Type.GROUP_CREATED, command.actorId(), List.of(), command.name())),
        members, List.of());
  }

  private MembershipPlan add(Group group, String actor, List<String> named) {
    List<String> newcomers = named.stream().filter(userId -> !group.hasMember(userId)).toList();
    if (newcomers.isEmpty()) {
      return refused(MembershipRefusal.ALREADY_MEMBERS, "everyone named is a member already");
    }
    int size = group.members().size() + newcomers.size();
    if (size > maxMembers) {
      return full(size);
    }
    List<String> members = new ArrayList<>(group.members());
    members.addAll(newcomers);
    return new MembershipPlan.Accepted(withMembers(group, members, group.admins()),
        List.of(new ConversationEvent(Type.MEMBER_ADDED, actor, newcomers, null)), newcomers, List.of());
  }

  private MembershipPlan remove(Group group, String actor, List<String> named) {
    if (named.contains(actor)) {
      return refused(MembershipRefusal.CANNOT_REMOVE_SELF, "to remove yourself, leave the group");
    }
    List<String> strangers = named.stream().filter(userId -> !group.hasMember(userId)).toList();
    if (!strangers.isEmpty()) {
      return refused(MembershipRefusal.NOT_MEMBERS, "not members of the group: " + String.join(", ", strangers));
    }
    return new MembershipPlan.Accepted(
        withMembers(group, without(group.members(), named), without(group.admins(), named)),
        List.of(new ConversationEvent(Type.MEMBER_REMOVED, actor, named, null)), List.of(), named);
  }

  private MembershipPlan leave(Group group, String actor) {
    List<String> members = without(group.members(), List.of(actor));
    List<String> admins = without(group.admins(), List.of(actor));
    List<ConversationEvent> events = new ArrayList<>();
    events.add(new ConversationEvent(Type.MEMBER_LEFT, actor, List.of(actor), null));
    if (admins.isEmpty() && !members.isEmpty()) {
      String longestStanding = members.get(0);
      admins = List.of(longestStanding);
      // made by the service, not by the member who left: no actor
      events.add(new ConversationEvent(Type.ADMIN_PROMOTED, null, List.of(longestStanding), null));
    }
    return new MembershipPlan.Accepted(withMembers(group, members, admins), events, List.of(), List.of(actor));
  }

  private MembershipPlan promote(Group group, String actor, List<String> named) {
    List<String> strangers = named.stream().filter(userId -> !group.hasMember(userId)).toList();
    if (named.isEmpty() || !strangers.isEmpty()) {
      return refused(MembershipRefusal.NOT_MEMBERS, "not members of the group: " + String.join(", ", strangers));
    }
    if (named.stream().anyMatch(group::isAdmin)) {
      return refused(MembershipRefusal.ALREADY_ADMIN, "already an admin");
    }
    List<String> admins = new ArrayList<>(group.admins());
    admins.addAll(named);
    return new MembershipPlan.Accepted(withMembers(group, group.members(), admins),
        List.of(new ConversationEvent(Type.ADMIN_PROMOTED, actor, named, null)), List.of(), List.of());
  }

  private MembershipPlan demote(Group group, String actor, List<String> named) {
    if (named.isEmpty() || !named.stream().allMatch(group::isAdmin)) {
      return refused(MembershipRefusal.TARGET_NOT_ADMIN, "not an admin of the group");
    }
    List<String> admins = without(group.admins(), named);
    if (admins.isEmpty()) {
      return refused(MembershipRefusal.LAST_ADMIN,
          "a group needs an admin: promote someone else before demoting the last admin");
    }
    return new MembershipPlan.Accepted(withMembers(group, group.members(), admins),
        List.of(new ConversationEvent(Type.ADMIN_DEMOTED, actor, named, null)), List.of(), List.of());
  }

  private MembershipPlan full(int size) {
    return refused(MembershipRefusal.GROUP_FULL,
        "the group would have " + size + " members; the most a group may have is " + maxMembers);
  }

  private static GroupState withMembers(Group group, List<String> members, List<String> admins) {
    return new GroupState(group.state().name(), group.state().avatarUrl(), members, admins);
  }

  private static MembershipPlan refused(MembershipRefusal refusal, String detail) {
    return new MembershipPlan.Refused(refusal, detail);
  }

  private static List<String> distinct(List<String> userIds) {
    return List.copyOf(new LinkedHashSet<>(userIds));
  }

  private static List<String> without(List<String> userIds, List<String> leaving) {
    return userIds.stream().filter(userId -> !leaving.contains(userId)).toList();
  }
}
