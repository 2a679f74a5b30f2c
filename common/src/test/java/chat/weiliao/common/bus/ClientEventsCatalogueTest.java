package chat.weiliao.common.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.weiliao.common.contract.ClientEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web client's list of server events is the server's catalogue: same names, same order, once
 * each.
 */
class ClientEventsCatalogueTest {
  private static final Path WEB_EVENTS = Path.of("..", "web", "src", "api", "events.ts");
  private static final Pattern LIST =
      Pattern.compile("SERVER_EVENTS = \\[(.*?)] as const", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("'([^']+)'");

  @Test
  void theWebClientListsExactlyTheCataloguedEvents() throws IOException {
    assertEquals(types(), webEvents(), "web/src/api/events.ts against ClientEvents.ALL");
  }

  @Test
  void eachEventIsCataloguedOnce() {
    assertEquals(types().size(), new HashSet<>(types()).size(), "a name twice in ClientEvents.ALL");
  }

  private static List<String> types() {
    return ClientEvents.ALL.stream().map(ClientEvent::type).toList();
  }

  private static List<String> webEvents() throws IOException {
    Matcher list = LIST.matcher(Files.readString(WEB_EVENTS));
    assertTrue(list.find(), "no SERVER_EVENTS list in " + WEB_EVENTS.toAbsolutePath());
    List<String> names = new ArrayList<>();
    Matcher name = NAME.matcher(list.group(1));
    while (name.find()) {
      names.add(name.group(1));
    }
    return names;
  }
}
