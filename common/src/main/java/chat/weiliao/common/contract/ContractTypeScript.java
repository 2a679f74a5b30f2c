package chat.weiliao.common.contract;

import chat.weiliao.common.bus.ClientEvents;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The web client's contract types ({@code web/src/api/contract.ts}), written from the catalogue: an
 * interface per record, a union of string literals per enum, a union per sealed interface, and
 * {@code ServerEventPayloads} mapping each event type to its payload. common's {@code
 * ContractTypeScriptTest} fails when the checked-in file differs from this output.
 */
public final class ContractTypeScript {
  private final TreeMap<String, Class<?>> types = new TreeMap<>();

  private ContractTypeScript() {}

  public static String emit() {
    ContractTypeScript script = new ContractTypeScript();
    Arrays.stream(ContractObjects.class.getDeclaredClasses()).forEach(script::collect);
    ClientEvents.ALL.forEach(event -> script.collect(event.payload()));
    return script.write();
  }

  private void collect(Type type) {
    if (type instanceof ParameterizedType generic) {
      collect(generic.getActualTypeArguments()[0]);
      return;
    }
    Class<?> named = (Class<?>) type;
    if (!(named.isRecord() || named.isEnum() || named.isSealed())
        || types.containsKey(named.getSimpleName())) {
      return;
    }
    types.put(named.getSimpleName(), named);
    if (named.isRecord()) {
      Arrays.stream(named.getRecordComponents())
          .forEach(component -> collect(component.getGenericType()));
    } else if (named.isSealed()) {
      Arrays.stream(named.getPermittedSubclasses()).forEach(this::collect);
    }
  }

  private String write() {
    List<String> blocks = new ArrayList<>();
    blocks.add(
        """
        // Generated from the server's catalogue (common: chat.weiliao.common.contract) by ContractTypeScript.
        // Do not edit: change the Java records, then regenerate with
        //   mvn -pl common test -Djazzer.skip=true -Dtest=ContractTypeScriptTest -Dcontract.write=true
        """
            .strip());
    types.values().forEach(type -> blocks.add(declaration(type)));
    blocks.add(
        ClientEvents.ALL.stream()
            .map(event -> "  '" + event.type() + "': " + event.payload().getSimpleName() + ";")
            .collect(
                Collectors.joining(
                    "\n",
                    "/** Each server → client event type and its payload. */\n"
                        + "export interface ServerEventPayloads {\n",
                    "\n}")));
    return String.join("\n\n", blocks) + "\n";
  }

  private static String declaration(Class<?> type) {
    String name = type.getSimpleName();
    if (type.isEnum()) {
      return "export type "
          + name
          + " = "
          + ContractSchema.wireNames(type).stream()
              .map(value -> "'" + value + "'")
              .collect(Collectors.joining(" | "))
          + ";";
    } else if (type.isSealed()) {
      return "export type "
          + name
          + " = "
          + Arrays.stream(type.getPermittedSubclasses())
              .map(Class::getSimpleName)
              .sorted(Comparator.naturalOrder())
              .collect(Collectors.joining(" | "))
          + ";";
    }
    return Arrays.stream(type.getRecordComponents())
        .map(ContractTypeScript::field)
        .collect(Collectors.joining("\n", "export interface " + name + " {\n", "\n}"));
  }

  private static String field(RecordComponent component) {
    String optional = component.isAnnotationPresent(MayBeAbsent.class) ? "?" : "";
    String type = typeName(component.getGenericType());
    // unknown already includes null
    String nullable =
        component.isAnnotationPresent(MayBeNull.class) && !type.equals("unknown") ? " | null" : "";
    return "  " + component.getName() + optional + ": " + type + nullable + ";";
  }

  private static String typeName(Type type) {
    if (type instanceof ParameterizedType generic) {
      String argument = typeName(generic.getActualTypeArguments()[0]);
      return generic.getRawType() == Wire.class ? argument : argument + "[]";
    }
    Class<?> named = (Class<?>) type;
    if (named == String.class) {
      return "string";
    } else if (named == boolean.class || named == Boolean.class) {
      return "boolean";
    } else if (named == long.class
        || named == Long.class
        || named == int.class
        || named == Integer.class) {
      return "number";
    } else if (named == Object.class) {
      return "unknown";
    }
    return named.getSimpleName();
  }
}
