package chat.weiliao.allinone;

import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.contract.ClientEvent;
import chat.weiliao.common.contract.ContractSchema;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * Holds every event a test client receives to the server's catalogue: its type is catalogued and
 * its payload has the catalogue's shape (the one the web client's generated types describe). So
 * each test that receives an event also checks the service that built it.
 */
final class ContractCheck {
  /** Answers to a client's frame: their payloads are each request's own, not events. */
  private static final Set<String> ANSWERS = Set.of("ack", "error");

  private ContractCheck() {}

  static JsonObject conforming(JsonObject frame) {
    String type = frame.getString("type");
    if (ANSWERS.contains(type)) {
      return frame;
    }
    ClientEvent<?> event = ClientEvents.named(type);
    if (event == null) {
      throw new AssertionError("an event the catalogue does not list: " + frame.encode());
    }
    List<String> problems = ContractSchema.problems(event.payload(), frame.getValue("payload"));
    if (!problems.isEmpty()) {
      throw new AssertionError(
          type
              + " differs from its catalogue payload "
              + event.payload().getSimpleName()
              + ": "
              + problems
              + " in "
              + frame.encode());
    }
    return frame;
  }
}
