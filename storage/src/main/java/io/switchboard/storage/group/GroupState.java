package io.switchboard.storage.group;

import java.util.List;

/**
 * What a membership change changes: name, avatar, members in the order they joined (the first is the
 * longest-standing), admins.
 */
public record GroupState(String name, String avatarUrl, List<String> members, List<String> admins) {

  public GroupState {
    members = List.copyOf(members);
    admins = List.copyOf(admins);
  }
}
