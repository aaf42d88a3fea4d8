package io.switchboard.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The group calls (docs/groups.md) as one signed-in user. Each returns the server's answer as is: a change
 * answers 200/201 with {@code {"status": "applied", "eventSeqs": [...], "group": {...}}}, or a problem.
 */
public final class Groups {

  private static final String GROUPS = "/api/groups";

  private final Session session;

  Groups(Session session) {
    this.session = session;
  }

  /** Creates a group with the caller and {@code memberIds} as members; the new id is in {@code groupId}. */
  public HttpAnswer create(String name, List<String> memberIds) {
    return create(name, null, memberIds);
  }

  public HttpAnswer create(String name, String avatarUrl, List<String> memberIds) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("memberIds", memberIds);
    if (avatarUrl != null) {
      body.put("avatarUrl", avatarUrl);
    }
    return session.post(GROUPS, body);
  }

  public HttpAnswer details(String groupId) {
    return session.get(GROUPS + "/" + groupId);
  }

  public HttpAnswer members(String groupId) {
    return session.get(GROUPS + "/" + groupId + "/members");
  }

  public HttpAnswer rename(String groupId, String name) {
    return session.put(GROUPS + "/" + groupId + "/name", Map.of("name", name));
  }

  public HttpAnswer add(String groupId, List<String> userIds) {
    return session.post(GROUPS + "/" + groupId + "/members", Map.of("userIds", userIds));
  }

  public HttpAnswer remove(String groupId, String userId) {
    return session.delete(GROUPS + "/" + groupId + "/members/" + userId);
  }

  public HttpAnswer leave(String groupId) {
    return session.post(GROUPS + "/" + groupId + "/leave", Map.of());
  }

  public HttpAnswer promote(String groupId, String userId) {
    return session.put(GROUPS + "/" + groupId + "/admins/" + userId, Map.of());
  }

  public HttpAnswer demote(String groupId, String userId) {
    return session.delete(GROUPS + "/" + groupId + "/admins/" + userId);
  }
}
