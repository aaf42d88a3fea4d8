package io.switchboard.app.embedded.standin;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class KeyValueTypeTest {

  private static final List<KeyValue> KEYS = List.of(
      new KeyValue("c1", 1L), new KeyValue("c1", 2L), new KeyValue("c1", 1), new KeyValue("c1", 1.5),
      new KeyValue("c2"), new KeyValue("c2", (Object) null), new KeyValue("c2", Missing.getInstance()),
      new KeyValue("c2", new Document("a", 1)), new KeyValue("c2", new Document("a", 2)),
      new KeyValue(new ObjectId(), true), new KeyValue(false, List.of("x", "y")), new KeyValue((Object) null));

  @Test
  void ordersKeysTotallyAndCallsOnlyEqualKeysEqual() {
    for (KeyValue a : KEYS) {
      for (KeyValue b : KEYS) {
        int ab = KeyValueType.INSTANCE.compare(a, b);
        assertThat(Integer.signum(ab)).as("%s vs %s", a, b).isEqualTo(-Integer.signum(KeyValueType.INSTANCE.compare(b, a)));
        assertThat(ab == 0).as("%s vs %s", a, b).isEqualTo(a.equals(b));
        for (KeyValue c : KEYS) {
          if (ab < 0 && KeyValueType.INSTANCE.compare(b, c) < 0) {
            assertThat(KeyValueType.INSTANCE.compare(a, c)).as("%s < %s < %s", a, b, c).isNegative();
          }
        }
      }
    }
  }

  @Test
  void readsBackWhatItWrote() {
    WriteBuffer buffer = new WriteBuffer();
    KEYS.forEach(key -> KeyValueType.INSTANCE.write(buffer, key));
    ByteBuffer written = buffer.getBuffer();
    written.flip();
    List<KeyValue> read = new ArrayList<>();
    KEYS.forEach(key -> read.add(KeyValueType.INSTANCE.read(written)));

    assertThat(read).isEqualTo(KEYS);
    assertThat(written.hasRemaining()).isFalse();
  }
}
