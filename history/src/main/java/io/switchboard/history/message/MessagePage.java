package io.switchboard.history.message;

import io.switchboard.protocol.ChatMessage;
import java.util.List;

/**
 * Messages in sequence order, oldest first. {@code hasOlder}/{@code hasNewer} say whether scrolling that way
 * can return more; page on with {@code before=<first seq>} or {@code after=<last seq>}.
 */
public record MessagePage(List<ChatMessage> messages, boolean hasOlder, boolean hasNewer) {}
