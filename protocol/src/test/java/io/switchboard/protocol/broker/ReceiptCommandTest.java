package io.switchboard.protocol.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ReceiptKind;
import io.switchboard.protocol.json.BrokerCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a "delivered" names whom its watermark move concerns, and when the router must read it instead. */
class ReceiptCommandTest {

  /** The edge gave the device seq 5 (bob), 6 (carol) and 7 (bob) since its report at 4. */
  private final ReceiptCommand command = new ReceiptCommand("dave", "d1", "g", ReceiptKind.DELIVERED, 7, 4L,
      Map.of("bob", 7L, "carol", 6L));

  @Test
  void aMoveFromTheEdgesKnownPlaceOnNamesEverySenderInIt() {
    assertThat(command.sendersAfter(4)).contains(List.of("bob", "carol"));
  }

  @Test
  void aShorterMoveNamesOnlyTheSendersOfTheMessagesItCovers() {
    assertThat(command.sendersAfter(6)).contains(List.of("bob"));
    assertThat(command.sendersAfter(7)).contains(List.of());
  }

  @Test
  void aMoveFromBelowTheKnownPlaceIsNotNamedSoTheRouterReadsIt() {
    // the member's mark was at 2: who sent 3 and 4 this socket never saw
    assertThat(command.sendersAfter(2)).isEmpty();
    assertThat(new ReceiptCommand("dave", "d1", "g", ReceiptKind.DELIVERED, 7).sendersAfter(6)).isEmpty();
  }

  @Test
  void roundTripsThroughTheBrokerCodecAndLeavesUnknownSendersOut() {
    BrokerCodec codec = new BrokerCodec();
    assertThat(codec.decodeReceiptCommand(codec.encode(command))).isEqualTo(command);
    ReceiptCommand plain = new ReceiptCommand("dave", "d1", "g", ReceiptKind.READ, 7);
    assertThat(new String(codec.encode(plain))).doesNotContain("sendersKnownAfter");
    assertThat(codec.decodeReceiptCommand(codec.encode(plain))).isEqualTo(plain);
  }

  @Test
  void theKnownPlaceAndTheSendersComeTogether() {
    assertThatThrownBy(() -> new ReceiptCommand("dave", "d1", "g", ReceiptKind.DELIVERED, 7, 4L, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
