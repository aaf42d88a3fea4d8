package io.switchboard.app.embedded.standin;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * How the stand-in's H2 file stores a collection's documents: as BSON, with the stand-in's own encoder and
 * decoder (the ones its wire protocol uses, so whatever a client can store comes back equal). H2's default
 * value type Java-serializes each document (a {@code LinkedHashMap} of Java objects) when a page is written,
 * and deserializes it when a page is read back; in a profile of steady 1-1 load that was most of H2's
 * background writer thread (docs/performance.md, fourth pass).
 *
 * <p>A value is written as its length (varint) and the BSON bytes. Values are never compared (only keys are).
 */
final class BsonDocumentType extends BasicDataType<Document> {

  static final BsonDocumentType INSTANCE = new BsonDocumentType();

  private BsonDocumentType() {}

  @Override
  public int getMemory(Document document) {
    return estimatedBytes(document);
  }

  @Override
  public void write(WriteBuffer buffer, Document document) {
    ByteBuf bson = Unpooled.buffer(256);
    try {
      BsonEncoder.encodeDocument(document, bson);
      int length = bson.readableBytes();
      buffer.putVarInt(length);
      buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
    } finally {
      bson.release();
    }
  }

  @Override
  public Document read(ByteBuffer buffer) {
    int length = DataUtils.readVarInt(buffer);
    ByteBuffer bson = buffer.slice();
    bson.limit(length);
    buffer.position(buffer.position() + length);
    return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
  }

  @Override
  public Document[] createStorage(int size) {
    return new Document[size];
  }

  /**
   * Roughly what the document takes on the heap, for H2's page cache; walked rather than encoded, so the
   * estimate does not cost a second serialization.
   */
  static int estimatedBytes(Object value) {
    if (value instanceof Map<?, ?> map) {
      int bytes = 64;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        bytes += 48 + estimatedBytes(entry.getKey()) + estimatedBytes(entry.getValue());
      }
      return bytes;
    }
    if (value instanceof Collection<?> values) {
      int bytes = 40;
      for (Object element : values) {
        bytes += 8 + estimatedBytes(element);
      }
      return bytes;
    }
    if (value instanceof CharSequence text) {
      return 40 + text.length();
    }
    if (value instanceof byte[] bytes) {
      return 16 + bytes.length;
    }
    return 24;
  }
}
