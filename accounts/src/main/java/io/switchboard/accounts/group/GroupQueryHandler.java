package io.switchboard.accounts.group;

import io.switchboard.accounts.user.User;
import io.switchboard.accounts.user.UserStore;
import io.switchboard.security.AuthenticatedDevice;
import io.switchboard.storage.group.Group;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** A group's details and its member list, for its members only. */
@Component
public class GroupQueryHandler {

  private final MembershipChanges changes;
  private final UserStore users;

  GroupQueryHandler(MembershipChanges changes, UserStore users) {
    this.changes = changes;
    this.users = users;
  }

  /** {@code GET /api/groups/{groupId}} */
  public Mono<ServerResponse> details(ServerRequest request) {
    return group(request).flatMap(group -> ServerResponse.ok().bodyValue(GroupView.of(group)));
  }

  /** {@code GET /api/groups/{groupId}/members}: {"groupId", "members": [{userId, username, displayName, admin}]} */
  public Mono<ServerResponse> members(ServerRequest request) {
    return group(request)
        .flatMap(group -> users.findByIds(group.members())
            .collectMap(User::userId, Function.identity())
            .map(found -> new MemberList(group.groupId(), group.members().stream()
                .filter(found::containsKey)
                .map(userId -> view(group, found, userId))
                .toList())))
        .flatMap(list -> ServerResponse.ok().bodyValue(list));
  }

  private Mono<Group> group(ServerRequest request) {
    return changes.requireMember(request.pathVariable("groupId"), AuthenticatedDevice.require(request.exchange()));
  }

  private static MemberView view(Group group, Map<String, User> users, String userId) {
    User user = users.get(userId);
    return new MemberView(userId, user.username(), user.displayName(), group.isAdmin(userId));
  }

  /** The member list, in join order. */
  public record MemberList(String groupId, List<MemberView> members) {}
}
