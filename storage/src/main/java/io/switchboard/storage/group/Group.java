package io.switchboard.storage.group;

import io.switchboard.protocol.ConversationEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A group: a conversation of kind GROUP, with its state, how far its sequence has gone, a version that each
 * membership change moves on (changes are compare-and-set on it), and the last few commands applied to it
 * (so a command delivered again is recognised, see {@link GroupStore#RECENT_COMMANDS}).
 */
public record Group(
    String groupId,
    GroupState state,
    String createdBy,
    Instant createdAt,
    long lastSeq,
    long version,
    List<AppliedCommand> recentCommands) {

  public Group {
    recentCommands = List.copyOf(recentCommands);
  }

  public List<String> members() {
    return state.members();
  }

  public List<String> admins() {
    return state.admins();
  }

  public boolean hasMember(String userId) {
    return state.members().contains(userId);
  }

  public boolean isAdmin(String userId) {
    return state.admins().contains(userId);
  }

  /** The command, if it is among the recently applied ones. */
  public Optional<AppliedCommand> applied(String commandId) {
    return recentCommands.stream().filter(command -> command.commandId().equals(commandId)).findFirst();
  }

  /** A command applied to this group and the events it put (or is putting) into the conversation. */
  public record AppliedCommand(String commandId, List<ConversationEvent> events) {

    public AppliedCommand {
      events = List.copyOf(events);
    }
  }
}
