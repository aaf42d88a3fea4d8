package io.switchboard.history.conversation;

import io.switchboard.security.AuthenticatedDevice;
import io.switchboard.storage.conversation.Conversation;
import io.switchboard.storage.conversation.ConversationStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Every history read goes through here: a conversation is only ever shown to its members. A conversation
 * that does not exist and one the caller is not in get the same answer, so ids are not probed.
 */
@Component
public class MembershipCheck {

  private final ConversationStore conversations;

  MembershipCheck(ConversationStore conversations) {
    this.conversations = conversations;
  }

  public Mono<Conversation> requireMember(String conversationId, AuthenticatedDevice caller) {
    return conversations.find(conversationId)
        .filter(conversation -> conversation.hasMember(caller.userId()))
        .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
            "you are not a member of conversation " + conversationId)));
  }
}
