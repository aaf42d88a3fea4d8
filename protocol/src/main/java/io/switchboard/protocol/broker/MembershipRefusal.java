package io.switchboard.protocol.broker;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Why a membership change is not made, by its stable wire name (also the {@code code} of the HTTP problem). */
public enum MembershipRefusal {
  /** The actor is not in the group, or there is no such group: one answer, so ids are not probed. */
  @JsonProperty("not_a_member") NOT_A_MEMBER,
  /** Adding, removing, promoting and demoting are for admins. */
  @JsonProperty("not_an_admin") NOT_AN_ADMIN,
  /** The group would grow past the configured maximum. */
  @JsonProperty("group_full") GROUP_FULL,
  /** Everyone named is a member already. */
  @JsonProperty("already_members") ALREADY_MEMBERS,
  /** Someone named is not a member. */
  @JsonProperty("not_members") NOT_MEMBERS,
  /** The member to promote is an admin already. */
  @JsonProperty("already_admin") ALREADY_ADMIN,
  /** The member to demote is not an admin. */
  @JsonProperty("target_not_admin") TARGET_NOT_ADMIN,
  /** A group keeps at least one admin while it has members: the last one cannot be demoted. */
  @JsonProperty("last_admin") LAST_ADMIN,
  /** Removing yourself is leaving, which has its own call. */
  @JsonProperty("cannot_remove_self") CANNOT_REMOVE_SELF,
  /** A create named an id that is taken. */
  @JsonProperty("group_exists") GROUP_EXISTS;

  /** The wire name, as in JSON: the constant's name in lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
