package chat.weiliao.common.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks JSON against a catalogue type: every field the record declares, with its JSON type, null
 * only where {@link MayBeNull}, absent only where {@link MayBeAbsent}, and no field it does not
 * declare. The all-in-one tests run every event they receive through it, so a service that builds a
 * payload differently from the catalogue (and so from the web client's generated types) fails a
 * test. (A JSON Schema validator would need a schema emitted first; this reads the records.)
 */
public final class ContractSchema {
  private ContractSchema() {}

  /** What is wrong with {@code json} as a {@code type}; empty when it conforms. */
  public static List<String> problems(Type type, Object json) {
    List<String> problems = new ArrayList<>();
    check(type, json, "$", problems);
    return problems;
  }

  private static void check(Type type, Object value, String path, List<String> problems) {
    if (type instanceof ParameterizedType generic) {
      Type argument = generic.getActualTypeArguments()[0];
      if (generic.getRawType() == Wire.class) {
        check(argument, value, path, problems);
      } else if (value instanceof JsonArray array) {
        for (int i = 0; i < array.size(); i++) {
          checkPresent(argument, array.getValue(i), path + "[" + i + "]", problems);
        }
      } else {
        problems.add(path + ": expected an array, got " + value);
      }
      return;
    }
    Class<?> expected = (Class<?>) type;
    if (expected.isRecord()) {
      checkRecord(expected, value, path, problems);
    } else if (expected.isSealed()) {
      checkOneOf(expected, value, path, problems);
    } else if (!scalarMatches(expected, value)) {
      problems.add(path + ": expected " + expected.getSimpleName() + ", got " + value);
    }
  }

  private static void checkPresent(Type type, Object value, String path, List<String> problems) {
    if (value == null) {
      problems.add(path + ": null");
    } else {
      check(type, value, path, problems);
    }
  }

  private static void checkRecord(
      Class<?> record, Object value, String path, List<String> problems) {
    if (!(value instanceof JsonObject json)) {
      problems.add(path + ": expected an object " + record.getSimpleName() + ", got " + value);
      return;
    }
    Set<String> declared = new HashSet<>();
    for (RecordComponent component : record.getRecordComponents()) {
      String name = component.getName();
      declared.add(name);
      String at = path + "." + name;
      if (!json.containsKey(name)) {
        if (!component.isAnnotationPresent(MayBeAbsent.class)) {
          problems.add(at + ": missing");
        }
      } else if (json.getValue(name) == null) {
        if (!component.isAnnotationPresent(MayBeNull.class)) {
          problems.add(at + ": null");
        }
      } else {
        check(component.getGenericType(), json.getValue(name), at, problems);
      }
    }
    for (String name : json.fieldNames()) {
      if (!declared.contains(name)) {
        problems.add(path + "." + name + ": not in " + record.getSimpleName());
      }
    }
  }

  private static void checkOneOf(
      Class<?> sealed, Object value, String path, List<String> problems) {
    for (Class<?> option : sealed.getPermittedSubclasses()) {
      if (problems(option, value).isEmpty()) {
        return;
      }
    }
    problems.add(path + ": matches no " + sealed.getSimpleName() + ": " + value);
  }

  private static boolean scalarMatches(Class<?> expected, Object value) {
    if (expected == String.class) {
      return value instanceof String;
    } else if (expected == boolean.class || expected == Boolean.class) {
      return value instanceof Boolean;
    } else if (expected == long.class
        || expected == Long.class
        || expected == int.class
        || expected == Integer.class) {
      return value instanceof Integer || value instanceof Long;
    } else if (expected.isEnum()) {
      return value instanceof String text && wireNames(expected).contains(text);
    }
    return expected == Object.class;
  }

  static List<String> wireNames(Class<?> enumType) {
    List<String> names = new ArrayList<>();
    for (Object constant : enumType.getEnumConstants()) {
      names.add(ContractJson.wireName((Enum<?>) constant));
    }
    return names;
  }
}
