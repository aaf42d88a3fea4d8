package io.switchboard.accounts.group;

import io.switchboard.protocol.broker.MembershipRefusal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A membership call that is refused, as a problem response: 403 for who you are (not a member, not an admin),
 * 409 for the state of the group (full, already a member, the last admin, …). The problem's {@code code}
 * member is the refusal's stable wire name, for clients to switch on.
 */
public final class MembershipRefusedException extends ErrorResponseException {

  /** The problem member carrying the refusal's wire name. */
  public static final String CODE_PROPERTY = "code";

  /** On group_full: the configured limit. */
  public static final String MAX_MEMBERS_PROPERTY = "maxMembers";

  private MembershipRefusedException(HttpStatus status, ProblemDetail problem) {
    super(status, problem, null);
  }

  static MembershipRefusedException of(MembershipRefusal refusal, String detail, int maxMembers) {
    HttpStatus status = statusOf(refusal);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setProperty(CODE_PROPERTY, refusal.wireName());
    if (refusal == MembershipRefusal.GROUP_FULL) {
      problem.setProperty(MAX_MEMBERS_PROPERTY, maxMembers);
    }
    return new MembershipRefusedException(status, problem);
  }

  private static HttpStatus statusOf(MembershipRefusal refusal) {
    switch (refusal) {
      case NOT_A_MEMBER:
      case NOT_AN_ADMIN:
        return HttpStatus.FORBIDDEN;
      default:
        return HttpStatus.CONFLICT;
    }
  }
}
