package io.switchboard.storage.conversation;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.storage.message.MessageStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A conversation list's previews: each conversation's newest stored message, read when the list is read.
 *
 * <p>Why not kept on the conversation: writing the preview was one more database write for every message sent,
 * about a tenth of a message's work on the embedded stand-in, for a list that is read far less often than
 * messages are written. Reading it costs one query by place for a whole page of conversations.
 *
 * <p>The message at a conversation's {@code lastSeq} may not be stored (yet): its store can be under way, or
 * have failed and left a hole. The few places below it are asked for in the same query, and the newest found
 * wins; where none is, the preview an older version wrote on the conversation stands in.
 */
@Component
public class ConversationPreviews {

  /** Places read per conversation, from its lastSeq down. */
  static final int DEPTH = 4;

  private final MessageStore messages;

  public ConversationPreviews(MessageStore messages) {
    this.messages = messages;
  }

  /** The same conversations, in the same order, each with its newest stored message as its last message. */
  public Mono<List<Conversation>> fill(List<Conversation> conversations) {
    Map<String, Long> lastSeqs = new LinkedHashMap<>();
    conversations.stream()
        .filter(conversation -> conversation.lastSeq() > 0)
        .forEach(conversation -> lastSeqs.put(conversation.conversationId(), conversation.lastSeq()));
    return messages.newestOf(lastSeqs, DEPTH)
        .collect(HashMap<String, ChatMessage>::new, (newest, message) -> newest.merge(
            message.conversationId(), message, (kept, other) -> kept.seq() >= other.seq() ? kept : other))
        .map(newest -> conversations.stream()
            .map(conversation -> withPreview(conversation, newest.get(conversation.conversationId())))
            .toList());
  }

  public Mono<Conversation> fill(Conversation conversation) {
    return fill(List.of(conversation)).map(filled -> filled.get(0));
  }

  private static Conversation withPreview(Conversation conversation, ChatMessage newest) {
    ChatMessage written = conversation.lastMessage();
    if (newest == null || (written != null && written.seq() > newest.seq())) {
      return conversation;
    }
    return new Conversation(conversation.conversationId(), conversation.kind(), conversation.members(),
        conversation.lastSeq(), conversation.lastActivityAt(), newest, conversation.name(), conversation.avatarUrl());
  }
}
