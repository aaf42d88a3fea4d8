package io.switchboard.accounts.group;

import io.switchboard.accounts.InvalidRequestException;
import io.switchboard.accounts.RandomIds;
import io.switchboard.accounts.RequestFields;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;

/** The bodies of the group calls, and what each field must be. */
final class GroupRequests {

  /** A group's name is a title people read in a list. */
  static final int MAX_NAME_LENGTH = 100;

  static final int MAX_AVATAR_URL_LENGTH = 2048;

  /**
   * Users one add names at most. Every member's devices get the event naming them, so this bounds the event's
   * size times the group's size; creation is not bounded by it (its event names nobody).
   */
  static final int MAX_USERS_PER_CHANGE = 100;

  private GroupRequests() {}

  /** {@code POST /api/groups}: {"name", "avatarUrl"?, "memberIds": [userId, …]}; the caller is a member anyway. */
  record Create(String name, String avatarUrl, List<String> memberIds) {

    Create validated() {
      return new Create(validName(name), validAvatarUrl(avatarUrl),
          validUserIds("memberIds", memberIds, Integer.MAX_VALUE, true));
    }
  }

  /** {@code POST /api/groups/{id}/members}: {"userIds": [userId, …]} */
  record Members(List<String> userIds) {

    Members validated() {
      return new Members(validUserIds("userIds", userIds, MAX_USERS_PER_CHANGE, false));
    }
  }

  /** {@code PUT /api/groups/{id}/name}: {"name"} */
  record Rename(String name) {

    Rename validated() {
      return new Rename(validName(name));
    }
  }

  static String validName(String name) {
    String trimmed = RequestFields.required("name", name).strip();
    if (RequestFields.lengthOf(trimmed) > MAX_NAME_LENGTH) {
      throw InvalidRequestException.field("name", "must be at most " + MAX_NAME_LENGTH + " characters");
    }
    return trimmed;
  }

  static String validAvatarUrl(String avatarUrl) {
    if (avatarUrl == null || avatarUrl.isBlank()) {
      return null;
    }
    String trimmed = avatarUrl.strip();
    try {
      URI uri = new URI(trimmed);
      boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
      if (web && uri.getHost() != null && trimmed.length() <= MAX_AVATAR_URL_LENGTH) {
        return trimmed;
      }
    } catch (URISyntaxException malformed) {
      // answered below, like any other unusable URL
    }
    throw InvalidRequestException.field("avatarUrl",
        "must be an http or https URL of at most " + MAX_AVATAR_URL_LENGTH + " characters");
  }

  /** Distinct user ids in the order given, each one we could have issued. */
  static List<String> validUserIds(String field, List<String> userIds, int most, boolean mayBeEmpty) {
    if (userIds == null || userIds.isEmpty()) {
      if (mayBeEmpty) {
        return List.of();
      }
      throw InvalidRequestException.field(field, "must name at least one user");
    }
    if (userIds.size() > most) {
      throw InvalidRequestException.field(field, "may name at most " + most + " users at a time");
    }
    if (!userIds.stream().allMatch(RandomIds::isWellFormed)) {
      throw InvalidRequestException.field(field, "must be user ids (32 hex characters)");
    }
    return List.copyOf(new LinkedHashSet<>(userIds));
  }
}
