package chat.weiliao.allinone.topology;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's variable substitution in a string: {@code $VAR}, {@code ${VAR}}, {@code
 * ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR?error}} and {@code
 * $$} for a dollar. Hand-written (about what compose's own interpolation does): no Java library
 * implements compose's rules, and SnakeYAML leaves strings as they are.
 */
final class Interpolation {
  private static final Pattern VARIABLE =
      Pattern.compile(
          "\\$(?:(\\$)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

  private Interpolation() {}

  static String apply(String text, Map<String, String> variables) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(value(matcher, variables)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String value(Matcher match, Map<String, String> variables) {
    if (match.group(1) != null) {
      return "$";
    }
    String name = match.group(2) != null ? match.group(2) : match.group(6);
    String value = variables.get(name);
    boolean unset =
        match.group(3) != null && match.group(3).equals(":")
            ? value == null || value.isEmpty()
            : value == null;
    if (match.group(4) == null || !unset) {
      return value == null ? "" : value;
    }
    if (match.group(4).equals("?")) {
      throw new IllegalArgumentException("compose variable " + name + ": " + match.group(5));
    }
    return match.group(5);
  }
}
