package io.switchboard.accounts.group;

import io.switchboard.accounts.InvalidRequestException;
import io.switchboard.accounts.JsonBodies;
import io.switchboard.accounts.RandomIds;
import io.switchboard.accounts.user.User;
import io.switchboard.accounts.user.UserStore;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.broker.MembershipCommand;
import io.switchboard.protocol.broker.MembershipCommand.Change;
import io.switchboard.security.AuthenticatedDevice;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Every call that changes a group: create, rename, add, remove, leave, promote, demote. Each becomes one
 * membership command applied by the router; the answer is the {@link ChangeResult} — 200 (201 on create) once
 * applied, 202 if the router has not confirmed in time — or a problem saying why not.
 */
@Component
public class GroupChangeHandler {

  private final MembershipChanges changes;
  private final UserStore users;

  GroupChangeHandler(MembershipChanges changes, UserStore users) {
    this.changes = changes;
    this.users = users;
  }

  /** {@code POST /api/groups} {"name", "avatarUrl"?, "memberIds": [...]} */
  public Mono<ServerResponse> create(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    String groupId = ConversationIds.newGroup();
    return JsonBodies.read(request, GroupRequests.Create.class)
        .map(GroupRequests.Create::validated)
        .flatMap(create -> requireExisting("memberIds", create.memberIds()).thenReturn(create))
        .map(create -> {
          List<String> members = new ArrayList<>(List.of(caller.userId()));
          members.addAll(create.memberIds());
          return changes.command(caller, groupId, Change.CREATE, members, create.name(), create.avatarUrl());
        })
        .flatMap(changes::submit)
        .flatMap(result -> respond(result, HttpStatus.CREATED));
  }

  /** {@code PUT /api/groups/{groupId}/name} {"name"} */
  public Mono<ServerResponse> rename(ServerRequest request) {
    return JsonBodies.read(request, GroupRequests.Rename.class)
        .map(GroupRequests.Rename::validated)
        .flatMap(rename -> change(request, Change.RENAME, List.of(), rename.name()));
  }

  /** {@code POST /api/groups/{groupId}/members} {"userIds": [...]} — admins only. */
  public Mono<ServerResponse> addMembers(ServerRequest request) {
    return JsonBodies.read(request, GroupRequests.Members.class)
        .map(GroupRequests.Members::validated)
        .flatMap(add -> requireExisting("userIds", add.userIds()).thenReturn(add))
        .flatMap(add -> change(request, Change.ADD, add.userIds(), null));
  }

  /** {@code DELETE /api/groups/{groupId}/members/{userId}} — admins only; yourself: use leave. */
  public Mono<ServerResponse> removeMember(ServerRequest request) {
    return change(request, Change.REMOVE, List.of(pathUserId(request)), null);
  }

  /** {@code POST /api/groups/{groupId}/leave} — any member. */
  public Mono<ServerResponse> leave(ServerRequest request) {
    return change(request, Change.LEAVE, List.of(), null);
  }

  /** {@code PUT /api/groups/{groupId}/admins/{userId}} — admins only. */
  public Mono<ServerResponse> promote(ServerRequest request) {
    return change(request, Change.PROMOTE, List.of(pathUserId(request)), null);
  }

  /** {@code DELETE /api/groups/{groupId}/admins/{userId}} — admins only. */
  public Mono<ServerResponse> demote(ServerRequest request) {
    return change(request, Change.DEMOTE, List.of(pathUserId(request)), null);
  }

  private Mono<ServerResponse> change(ServerRequest request, Change change, List<String> userIds, String name) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    String groupId = request.pathVariable("groupId");
    if (!ConversationIds.isGroup(groupId)) {
      // not an id we could have issued: the same answer as any group the caller is not in
      return Mono.error(changes.notAMember(groupId));
    }
    MembershipCommand command = changes.command(caller, groupId, change, userIds, name, null);
    return changes.submit(command).flatMap(result -> respond(result, HttpStatus.OK));
  }

  private Mono<Void> requireExisting(String field, List<String> userIds) {
    return users.findByIds(userIds).map(User::userId).collect(Collectors.toSet())
        .flatMap(found -> {
          List<String> unknown = userIds.stream().filter(userId -> !found.contains(userId)).toList();
          return unknown.isEmpty()
              ? Mono.empty()
              : Mono.error(InvalidRequestException.field(field, "names users who do not exist: " + unknown));
        });
  }

  private static String pathUserId(ServerRequest request) {
    String userId = request.pathVariable("userId");
    if (!RandomIds.isWellFormed(userId)) {
      throw InvalidRequestException.field("userId", "must be a user id (32 hex characters)");
    }
    return userId;
  }

  private static Mono<ServerResponse> respond(ChangeResult result, HttpStatus whenApplied) {
    URI location = URI.create("/api/groups/" + result.groupId());
    if (ChangeResult.PENDING.equals(result.status())) {
      return ServerResponse.accepted().location(location).bodyValue(result);
    }
    return whenApplied == HttpStatus.CREATED
        ? ServerResponse.created(location).bodyValue(result)
        : ServerResponse.ok().bodyValue(result);
  }
}
