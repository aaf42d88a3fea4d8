package io.switchboard.history.conversation;

import io.switchboard.security.AuthenticatedDevice;
import io.switchboard.storage.conversation.Conversation;
import io.switchboard.storage.conversation.ConversationKind;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.group.MembershipStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Every history read goes through here: a conversation is only ever shown to its members. A conversation
 * that does not exist and one the caller is not in get the same answer, so ids are not probed.
 *
 * <p>Messages of a group are read within the caller's membership window ({@link #requireReader}): a member
 * reads from their addition on; a former member still reads up to their removal, and nothing after it.
 */
@Component
public class MembershipCheck {

  private final ConversationStore conversations;
  private final MembershipStore memberships;

  MembershipCheck(ConversationStore conversations, MembershipStore memberships) {
    this.conversations = conversations;
    this.memberships = memberships;
  }

  /** The conversation, if the caller is a member now. */
  public Mono<Conversation> requireMember(String conversationId, AuthenticatedDevice caller) {
    return conversations.find(conversationId)
        .filter(conversation -> conversation.hasMember(caller.userId()))
        .switchIfEmpty(Mono.error(() -> notAMember(conversationId)));
  }

  /** The conversation and the window of it the caller may read, if there is one. */
  public Mono<ReadableConversation> requireReader(String conversationId, AuthenticatedDevice caller) {
    return conversations.find(conversationId)
        .flatMap(conversation -> {
          if (conversation.kind() != ConversationKind.GROUP) {
            return conversation.hasMember(caller.userId())
                ? Mono.just(new ReadableConversation(conversation, 1, conversation.lastSeq()))
                : Mono.empty();
          }
          return memberships.find(conversationId, caller.userId())
              .map(window -> new ReadableConversation(
                  conversation, window.joinedSeq(), window.lastReadableSeq(conversation.lastSeq())));
        })
        .switchIfEmpty(Mono.error(() -> notAMember(conversationId)));
  }

  private static ResponseStatusException notAMember(String conversationId) {
    return new ResponseStatusException(HttpStatus.FORBIDDEN, "you are not a member of conversation " + conversationId);
  }
}
