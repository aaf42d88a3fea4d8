package io.switchboard.accounts.group;

import io.switchboard.storage.group.Group;
import java.time.Instant;
import java.util.List;

/**
 * A group as its members see it: {@code GET /api/groups/{id}}. The member list is its own call, since a
 * group may have a thousand; the admins are few and come here.
 *
 * @param lastSeq how far the group's conversation has gone (its messages and events)
 */
public record GroupView(
    String groupId,
    String name,
    String avatarUrl,
    String createdBy,
    Instant createdAt,
    int memberCount,
    List<String> admins,
    long lastSeq) {

  static GroupView of(Group group) {
    return new GroupView(group.groupId(), group.state().name(), group.state().avatarUrl(), group.createdBy(),
        group.createdAt(), group.members().size(), group.admins(), group.lastSeq());
  }
}
