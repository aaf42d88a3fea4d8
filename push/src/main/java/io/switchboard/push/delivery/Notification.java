package io.switchboard.push.delivery;

import io.switchboard.protocol.broker.OfflineMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one user is told about one conversation: a burst of messages collapsed into one notification
 * ({@link Kind#SHOW}), or the withdrawal of what was shown once they read it elsewhere ({@link Kind#WITHDRAW}).
 * Every provider is told the same things, in its own format; {@link #collapseKey()} makes a provider replace
 * an earlier notification of the conversation instead of adding one.
 *
 * @param lastSeq the newest message it covers; a tap opens the conversation there
 * @param messageCount how many messages the burst had
 * @param badge the user's unread messages over all conversations
 * @param hideContent show neither sender nor text (the user's setting)
 */
public record Notification(
    Kind kind,
    String userId,
    String conversationId,
    long lastSeq,
    int messageCount,
    String senderId,
    String senderName,
    String body,
    boolean group,
    long badge,
    boolean hideContent) {

  public enum Kind { SHOW, WITHDRAW }

  /** Longest message preview carried; providers cap payloads at 4 KB. */
  static final int PREVIEW_LENGTH = 200;

  static final String HIDDEN_TITLE = "Switchboard";

  public static Notification of(
      String userId, OfflineMessage latest, int messageCount, long badge, boolean hideContent) {
    return new Notification(Kind.SHOW, userId, latest.conversationId(), latest.seq(), messageCount,
        latest.senderId(), latest.senderName(), preview(latest.body()), latest.group(), badge, hideContent);
  }

  public static Notification withdrawal(String userId, String conversationId, long readSeq, long badge) {
    return new Notification(Kind.WITHDRAW, userId, conversationId, readSeq, 0, null, null, null, false, badge, true);
  }

  public boolean withdraws() {
    return kind == Kind.WITHDRAW;
  }

  public String title() {
    if (hideContent || senderName == null) {
      return HIDDEN_TITLE;
    }
    return group ? senderName + " (group)" : senderName;
  }

  public String text() {
    if (hideContent) {
      return messageCount == 1 ? "New message" : messageCount + " new messages";
    }
    return messageCount == 1 ? body : body + " (+" + (messageCount - 1) + " more)";
  }

  /**
   * The conversation, as a provider's collapse key: at most 32 characters of the base64url alphabet, which
   * fits Web Push's {@code Topic}, APNs's {@code apns-collapse-id} and FCM's {@code collapse_key}.
   */
  public String collapseKey() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(conversationId.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * The data every provider carries for the app (strings only, as FCM's {@code data} requires): the client
   * uses {@code conversationId} and {@code seq} to open the conversation, {@code type} to tell a withdrawal.
   */
  public Map<String, String> data() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("type", withdraws() ? "withdraw" : "message");
    data.put("conversationId", conversationId);
    data.put("seq", Long.toString(lastSeq));
    data.put("badge", Long.toString(badge));
    if (!withdraws()) {
      data.put("count", Integer.toString(messageCount));
      data.put("title", title());
      data.put("body", text());
      if (!hideContent) {
        data.put("senderId", senderId);
        data.put("senderName", senderName);
      }
    }
    return data;
  }

  private static String preview(String body) {
    return body.length() <= PREVIEW_LENGTH ? body : body.substring(0, PREVIEW_LENGTH - 1) + "…";
  }
}
