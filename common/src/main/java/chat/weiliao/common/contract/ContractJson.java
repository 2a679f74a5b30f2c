package chat.weiliao.common.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Records as JSON, both ways, by one set of rules: components by name in order, a {@link
 * MayBeAbsent} one left out when null, {@link Wire} objects as they are, enums by their wire value,
 * lists as arrays, bytes as Vert.x binary values. Used for the client events and the typed bus
 * requests and replies. (Jackson's databind does this for records; it is not on our class path and
 * Vert.x leaves it optional, and these few rules keep every payload a Vert.x JsonObject as the
 * services build them.)
 */
public final class ContractJson {
  /** Each record class's reflection, looked up once: every message.new is encoded here. */
  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return Shape.of(type);
        }
      };

  /**
   * A record class's components (their names, generic types, whether they may be absent) and
   * constructor.
   */
  private record Shape(
      RecordComponent[] components, boolean[] mayBeAbsent, Constructor<?> constructor) {
    static Shape of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      boolean[] mayBeAbsent = new boolean[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        mayBeAbsent[i] = components[i].isAnnotationPresent(MayBeAbsent.class);
        types[i] = components[i].getType();
      }
      try {
        return new Shape(components, mayBeAbsent, type.getDeclaredConstructor(types));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(type + " has no canonical constructor", e);
      }
    }
  }

  private ContractJson() {}

  public static JsonObject encode(Record record) {
    if (record instanceof Wire<?> wire) {
      return wire.json();
    }
    Shape shape = SHAPES.get(record.getClass());
    JsonObject json = new JsonObject();
    for (int i = 0; i < shape.components().length; i++) {
      Object value = read(shape.components()[i], record);
      if (value != null || !shape.mayBeAbsent()[i]) {
        json.put(shape.components()[i].getName(), value(value));
      }
    }
    return json;
  }

  /**
   * The record a JSON object describes: a missing or null component is null (0 or false for a
   * primitive). For JSON our own services wrote; client input is validated field by field instead.
   */
  public static <R extends Record> R decode(Class<R> type, JsonObject json) {
    if (type == Wire.class) {
      return type.cast(Wire.of(json));
    }
    Shape shape = SHAPES.get(type);
    RecordComponent[] components = shape.components();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      String name = components[i].getName();
      values[i] =
          components[i].getType() == byte[].class
              ? json.getBinary(name)
              : fromJson(components[i].getGenericType(), json.getValue(name));
    }
    try {
      return type.cast(shape.constructor().newInstance(values));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "cannot build " + type.getSimpleName() + " from " + json.encode(), e);
    }
  }

  private static Object fromJson(Type type, Object value) {
    Class<?> raw =
        (Class<?>) (type instanceof ParameterizedType generic ? generic.getRawType() : type);
    if (value == null) {
      return absent(raw);
    } else if (raw == long.class || raw == Long.class) {
      return ((Number) value).longValue();
    } else if (raw == int.class || raw == Integer.class) {
      return ((Number) value).intValue();
    } else if (raw == Wire.class) {
      return Wire.of((JsonObject) value);
    } else if (raw.isRecord()) {
      return decode(raw.asSubclass(Record.class), (JsonObject) value);
    } else if (raw.isEnum()) {
      return enumNamed(raw, (String) value);
    } else if (raw == List.class) {
      Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
      List<Object> list = new ArrayList<>();
      ((JsonArray) value).forEach(element -> list.add(fromJson(item, element)));
      return list;
    }
    return value;
  }

  /** What a missing or null component becomes: a primitive's zero, or null. */
  private static Object absent(Class<?> type) {
    if (type == boolean.class) {
      return Boolean.FALSE;
    } else if (type == long.class) {
      return 0L;
    } else if (type == int.class) {
      return 0;
    }
    return null;
  }

  private static Object enumNamed(Class<?> type, String wire) {
    for (Object constant : type.getEnumConstants()) {
      if (wireName((Enum<?>) constant).equals(wire)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(wire + " is no " + type.getSimpleName());
  }

  /** The wire value of an enum constant: its name, with {@code _} for {@code -}. */
  public static String wireName(Enum<?> constant) {
    return constant.name().replace('_', '-');
  }

  private static Object value(Object value) {
    if (value instanceof Wire<?> wire) {
      return wire.json();
    } else if (value instanceof Record record) {
      return encode(record);
    } else if (value instanceof Enum<?> constant) {
      return wireName(constant);
    } else if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(item -> array.add(value(item)));
      return array;
    }
    return value;
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }
}
