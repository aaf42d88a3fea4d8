package io.switchboard.accounts.group;

import java.util.List;

/**
 * The answer to a membership call.
 *
 * @param status {@code applied} (the router made the change; its events have these sequence numbers, and
 *     {@code group} is the group after it — absent for the member who left) or {@code pending} (202: the
 *     change is queued and will be applied, but the router did not confirm in time; watch the conversation
 *     or read the group again)
 */
public record ChangeResult(
    String status, String commandId, String groupId, List<Long> eventSeqs, GroupView group) {

  static final String APPLIED = "applied";
  static final String PENDING = "pending";
}
