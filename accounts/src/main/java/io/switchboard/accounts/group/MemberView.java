package io.switchboard.accounts.group;

/** One row of {@code GET /api/groups/{id}/members}, in join order (the first is the longest-standing). */
public record MemberView(String userId, String username, String displayName, boolean admin) {}
