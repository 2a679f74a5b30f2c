package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * How the file store keeps documents and their _ids: as BSON, the form they arrive in. MVStore's
 * default type writes anything it does not know with Java serialization, and compares such keys by
 * serializing both sides; for mongo-java-server's documents and index keys that was most of the
 * store's CPU.
 */
final class BsonDataTypes {
  /** Tags of the single values written without a BSON document around them. */
  private static final byte MISSING = 0;

  private static final byte NULL = 1;
  private static final byte STRING = 2;
  private static final byte INT = 3;
  private static final byte LONG = 4;
  private static final byte DOUBLE = 5;
  private static final byte FALSE = 6;
  private static final byte TRUE = 7;

  /** Anything else: a BSON document {v: value}. */
  private static final byte WRAPPED = 8;

  private static final String WRAPPED_FIELD = "v";

  /**
   * One growing encode buffer per thread, instead of a new one (and its reference count) per
   * document.
   */
  private static final int KEPT_ENCODE_BUFFER_BYTES = 64 << 10;

  private static final ThreadLocal<ByteBuf> ENCODE_BUFFERS =
      ThreadLocal.withInitial(() -> Unpooled.buffer(1024));

  private BsonDataTypes() {}

  /** Documents, the values of a collection's map. */
  static final class DocumentType extends BasicDataType<Document> {
    static final DocumentType INSTANCE = new DocumentType();

    @Override
    public int getMemory(Document document) {
      return memory(document);
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
      writeBson(buffer, document);
    }

    @Override
    public Document read(ByteBuffer buffer) {
      return readBson(buffer);
    }

    @Override
    public Document[] createStorage(int size) {
      return new Document[size];
    }
  }

  /** Single BSON values (an _id, an index's position), ordered as MongoDB orders them. */
  static final class ValueType extends BasicDataType<Object> {
    static final ValueType INSTANCE = new ValueType();

    @Override
    public int getMemory(Object value) {
      return memory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
      writeValue(buffer, value);
    }

    @Override
    public Object read(ByteBuffer buffer) {
      return readValue(buffer);
    }

    @Override
    public int compare(Object a, Object b) {
      return ValueComparator.asc().compare(a, b);
    }

    @Override
    public Object[] createStorage(int size) {
      return new Object[size];
    }
  }

  /** _ids are nearly always strings or numbers: those get a tag and their bytes, not a document. */
  static void writeValue(WriteBuffer buffer, Object value) {
    if (value instanceof Missing) {
      buffer.put(MISSING);
    } else if (value == null) {
      buffer.put(NULL);
    } else if (value instanceof String text) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      buffer.put(STRING).putVarInt(utf8.length).put(utf8);
    } else if (value instanceof Integer number) {
      buffer.put(INT).putInt(number);
    } else if (value instanceof Long number) {
      buffer.put(LONG).putLong(number);
    } else if (value instanceof Double number) {
      buffer.put(DOUBLE).putDouble(number);
    } else if (value instanceof Boolean flag) {
      buffer.put(flag ? TRUE : FALSE);
    } else {
      buffer.put(WRAPPED);
      writeBson(buffer, new Document(WRAPPED_FIELD, value));
    }
  }

  static Object readValue(ByteBuffer buffer) {
    byte tag = buffer.get();
    return switch (tag) {
      case MISSING -> Missing.getInstance();
      case NULL -> null;
      case STRING -> readUtf8(buffer, DataUtils.readVarInt(buffer));
      case INT -> buffer.getInt();
      case LONG -> buffer.getLong();
      case DOUBLE -> buffer.getDouble();
      case FALSE -> Boolean.FALSE;
      case TRUE -> Boolean.TRUE;
      case WRAPPED -> readBson(buffer).get(WRAPPED_FIELD);
      default -> throw new IllegalStateException("unknown value tag " + tag + " in the store file");
    };
  }

  private static String readUtf8(ByteBuffer buffer, int length) {
    byte[] utf8 = new byte[length];
    buffer.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static void writeBson(WriteBuffer buffer, Document document) {
    ByteBuf bson = ENCODE_BUFFERS.get().clear();
    BsonEncoder.encodeDocument(document, bson);
    buffer.putVarInt(bson.readableBytes());
    buffer.put(bson.array(), bson.arrayOffset(), bson.readableBytes());
    if (bson.capacity() > KEPT_ENCODE_BUFFER_BYTES) {
      ENCODE_BUFFERS.remove(); // a media chunk passed through: do not keep its size per thread
    }
  }

  private static Document readBson(ByteBuffer buffer) {
    int length = DataUtils.readVarInt(buffer);
    ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice(buffer.position(), length));
    buffer.position(buffer.position() + length);
    return BsonDecoder.decodeBson(bson);
  }

  /** A cheap estimate of a value's heap size, for MVStore's cache and page splitting. */
  private static int memory(Object value) {
    if (value instanceof Map<?, ?> map) {
      int memory = 64;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        memory += 48 + 2 * entry.getKey().toString().length() + memory(entry.getValue());
      }
      return memory;
    }
    if (value instanceof Collection<?> values) {
      int memory = 40;
      for (Object element : values) {
        memory += 8 + memory(element);
      }
      return memory;
    }
    if (value instanceof String text) {
      return 40 + 2 * text.length();
    }
    if (value instanceof byte[] bytes) {
      return 16 + bytes.length;
    }
    return 24;
  }
}
