package io.switchboard.storage.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ConversationEvent;
import io.switchboard.protocol.ConversationEvent.Type;
import io.switchboard.protocol.broker.MembershipCommand;
import io.switchboard.protocol.broker.MembershipCommand.Change;
import io.switchboard.protocol.broker.MembershipRefusal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipRulesTest {

  private static final String GROUP = "g-00000000000000000000000000000001";

  private final MembershipRules rules = new MembershipRules(4);

  @Test
  void creatingMakesTheCreatorTheOnlyAdminAndFirstMember() {
    var plan = accepted(rules.plan(null, command("ann", Change.CREATE, List.of("bob", "ann", "bob", "cat"))));
    assertThat(plan.after().members()).containsExactly("ann", "bob", "cat");
    assertThat(plan.after().admins()).containsExactly("ann");
    assertThat(plan.joined()).containsExactly("ann", "bob", "cat");
    assertThat(plan.events()).extracting(ConversationEvent::type).containsExactly(Type.GROUP_CREATED);
    assertThat(plan.events().get(0).userIds()).as("a big group's first event does not list everyone").isEmpty();
  }

  @Test
  void aGroupHasAtMostTheConfiguredNumberOfMembers() {
    assertRefused(rules.plan(null, command("ann", Change.CREATE, List.of("b", "c", "d", "e"))),
        MembershipRefusal.GROUP_FULL);
    Group four = group(List.of("ann", "b", "c", "d"), List.of("ann"));
    assertRefused(rules.plan(four, command("ann", Change.ADD, List.of("e"))), MembershipRefusal.GROUP_FULL);
  }

  @Test
  void onlyAdminsAddRemovePromoteAndDemote() {
    Group group = group(List.of("ann", "bob", "cat"), List.of("ann"));
    for (Change change : List.of(Change.ADD, Change.REMOVE, Change.PROMOTE, Change.DEMOTE)) {
      assertRefused(rules.plan(group, command("bob", change, List.of("cat"))), MembershipRefusal.NOT_AN_ADMIN);
    }
    assertRefused(rules.plan(group, command("zed", Change.RENAME, List.of())), MembershipRefusal.NOT_A_MEMBER);
    assertRefused(rules.plan(null, command("ann", Change.ADD, List.of("zed"))), MembershipRefusal.NOT_A_MEMBER);
  }

  @Test
  void addingAppendsNewcomersInJoinOrderAndIgnoresMembersAlreadyIn() {
    Group group = group(List.of("ann", "bob"), List.of("ann"));
    var plan = accepted(rules.plan(group, command("ann", Change.ADD, List.of("bob", "dan"))));
    assertThat(plan.after().members()).containsExactly("ann", "bob", "dan");
    assertThat(plan.joined()).containsExactly("dan");
    assertThat(plan.events().get(0).userIds()).containsExactly("dan");
    assertRefused(rules.plan(group, command("ann", Change.ADD, List.of("bob"))), MembershipRefusal.ALREADY_MEMBERS);
  }

  @Test
  void removingTakesMembersAndTheirAdminshipButNotYourself() {
    Group group = group(List.of("ann", "bob", "cat"), List.of("ann", "bob"));
    var plan = accepted(rules.plan(group, command("ann", Change.REMOVE, List.of("bob"))));
    assertThat(plan.after().members()).containsExactly("ann", "cat");
    assertThat(plan.after().admins()).containsExactly("ann");
    assertThat(plan.left()).containsExactly("bob");
    assertRefused(rules.plan(group, command("ann", Change.REMOVE, List.of("ann"))),
        MembershipRefusal.CANNOT_REMOVE_SELF);
    assertRefused(rules.plan(group, command("ann", Change.REMOVE, List.of("zed"))), MembershipRefusal.NOT_MEMBERS);
  }

  @Test
  void theLastAdminLeavingPromotesTheLongestStandingMember() {
    Group group = group(List.of("ann", "bob", "cat"), List.of("ann"));
    var plan = accepted(rules.plan(group, command("ann", Change.LEAVE, List.of())));
    assertThat(plan.after().members()).containsExactly("bob", "cat");
    assertThat(plan.after().admins()).containsExactly("bob");
    assertThat(plan.events()).extracting(ConversationEvent::type)
        .containsExactly(Type.MEMBER_LEFT, Type.ADMIN_PROMOTED);
    assertThat(plan.events().get(1).actorId()).isNull();

    var notLast = accepted(rules.plan(group(List.of("ann", "bob"), List.of("ann", "bob")),
        command("ann", Change.LEAVE, List.of())));
    assertThat(notLast.events()).extracting(ConversationEvent::type).containsExactly(Type.MEMBER_LEFT);

    var alone = accepted(rules.plan(group(List.of("ann"), List.of("ann")), command("ann", Change.LEAVE, List.of())));
    assertThat(alone.after().members()).isEmpty();
    assertThat(alone.events()).hasSize(1);
  }

  @Test
  void aGroupKeepsAnAdmin() {
    Group group = group(List.of("ann", "bob"), List.of("ann"));
    assertRefused(rules.plan(group, command("ann", Change.DEMOTE, List.of("ann"))), MembershipRefusal.LAST_ADMIN);
    assertRefused(rules.plan(group, command("ann", Change.DEMOTE, List.of("bob"))),
        MembershipRefusal.TARGET_NOT_ADMIN);
    assertRefused(rules.plan(group, command("ann", Change.PROMOTE, List.of("ann"))), MembershipRefusal.ALREADY_ADMIN);
    var promoted = accepted(rules.plan(group, command("ann", Change.PROMOTE, List.of("bob"))));
    assertThat(promoted.after().admins()).containsExactly("ann", "bob");
  }

  @Test
  void anyMemberRenames() {
    Group group = group(List.of("ann", "bob"), List.of("ann"));
    MembershipCommand rename = new MembershipCommand("c", GROUP, "bob", Change.RENAME, List.of(), "New", null,
        null, Instant.now());
    var plan = accepted(rules.plan(group, rename));
    assertThat(plan.after().name()).isEqualTo("New");
    assertThat(plan.events().get(0).name()).isEqualTo("New");
  }

  private static MembershipPlan.Accepted accepted(MembershipPlan plan) {
    assertThat(plan).isInstanceOf(MembershipPlan.Accepted.class);
    return (MembershipPlan.Accepted) plan;
  }

  private static void assertRefused(MembershipPlan plan, MembershipRefusal refusal) {
    assertThat(plan).isInstanceOf(MembershipPlan.Refused.class);
    assertThat(((MembershipPlan.Refused) plan).refusal()).isEqualTo(refusal);
  }

  private static MembershipCommand command(String actor, Change change, List<String> userIds) {
    return new MembershipCommand("c-" + change, GROUP, actor, change, userIds, "Name", null, null, Instant.now());
  }

  private static Group group(List<String> members, List<String> admins) {
    return new Group(GROUP, new GroupState("Name", null, members, admins), members.get(0), Instant.now(), 1, 1,
        List.of());
  }
}
