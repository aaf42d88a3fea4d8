package io.switchboard.router.routing;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Message ids that grow with time: 32 hex characters, the first 12 the milliseconds since the epoch, the other
 * 20 random (80 bits, so two routers in one millisecond do not collide). Still opaque to clients, same length
 * and alphabet as before.
 *
 * <p>Why ordered: the id is the message's {@code _id}, the key its document is stored under. Random keys put
 * each new message on a random page of that index; MongoDB then keeps the whole index hot in memory, and the
 * embedded stand-in's H2 file rewrites a random page (every document on it) for each message stored. Growing
 * keys put new messages on the last page, as MongoDB's own ObjectIds do.
 */
public final class MessageIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private MessageIds() {}

  public static String next() {
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    // the clock's 16 hex digits less the first 4, which stay zero for another eight thousand years
    return HEX.toHexDigits(System.currentTimeMillis()).substring(4) + HEX.formatHex(random);
  }
}
