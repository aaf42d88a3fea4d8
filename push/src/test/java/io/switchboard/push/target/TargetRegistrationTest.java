package io.switchboard.push.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class TargetRegistrationTest {

  private static final String P256DH = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[65]);
  private static final String AUTH = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);

  @Test
  void theSameAddressIsTheSameTargetWhoeverRegistersIt() {
    PushTarget first = new TargetRegistration("fcm", "token-1", null, null).toTarget("ann", "d1");
    PushTarget again = new TargetRegistration("fcm", "token-1", null, null).toTarget("bob", "d2");
    PushTarget other = new TargetRegistration("apns", "abcdef0123456789", null, null).toTarget("ann", "d1");
    assertThat(again.targetId()).isEqualTo(first.targetId());
    assertThat(other.targetId()).isNotEqualTo(first.targetId());
  }

  @Test
  void aWebPushSubscriptionNeedsItsEndpointAndKeysOfTheRightSize() {
    PushTarget target = new TargetRegistration("web_push", null, "https://push.example/sub/1",
        new TargetRegistration.Keys(P256DH, AUTH)).toTarget("ann", "d1");
    assertThat(target.provider()).isEqualTo(ProviderKind.WEB_PUSH);
    assertThat(target.address()).isEqualTo("https://push.example/sub/1");

    assertThatThrownBy(() -> new TargetRegistration("web_push", null, "/relative",
        new TargetRegistration.Keys(P256DH, AUTH)).toTarget("ann", "d1")).hasMessageContaining("endpoint");
    assertThatThrownBy(() -> new TargetRegistration("web_push", null, "https://push.example/sub/1",
        new TargetRegistration.Keys(AUTH, AUTH)).toTarget("ann", "d1")).hasMessageContaining("p256dh");
    assertThatThrownBy(() -> new TargetRegistration("web_push", null, "https://push.example/sub/1", null)
        .toTarget("ann", "d1")).hasMessageContaining("keys");
  }

  @Test
  void tokensAreRequiredAndApnsTokensAreHex() {
    assertThatThrownBy(() -> new TargetRegistration("pigeon", "x", null, null).toTarget("ann", "d1"))
        .hasMessageContaining("provider");
    assertThatThrownBy(() -> new TargetRegistration("fcm", " ", null, null).toTarget("ann", "d1"))
        .hasMessageContaining("token");
    assertThatThrownBy(() -> new TargetRegistration("apns", "not-hex-at-all!!", null, null).toTarget("ann", "d1"))
        .hasMessageContaining("hexadecimal");
    assertThatThrownBy(() -> new TargetRegistration("fcm", "x".repeat(5000), null, null).toTarget("ann", "d1"))
        .hasMessageContaining("4096");
  }
}
