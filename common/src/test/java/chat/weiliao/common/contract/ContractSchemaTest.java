package chat.weiliao.common.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.weiliao.common.contract.ContractObjects.Message;
import chat.weiliao.common.contract.EventPayloads.CallEndReason;
import chat.weiliao.common.contract.EventPayloads.CallEndedPayload;
import chat.weiliao.common.contract.EventPayloads.MessageNewPayload;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractSchemaTest {
  private static JsonObject message() {
    return new JsonObject()
        .put("id", "m1")
        .put("conversationId", "d_1_2")
        .put("seq", 3)
        .put("from", "+1")
        .put("kind", "text")
        .put("content", new JsonObject().put("text", "hi"))
        .putNull("clientMsgId")
        .put("createdAt", 1L)
        .put("recalled", false);
  }

  @Test
  void aConformingMessageHasNoProblems() {
    assertEquals(List.of(), ContractSchema.problems(Message.class, message()));
    assertEquals(
        List.of(),
        ContractSchema.problems(Message.class, message().putNull("content").put("recalled", true)));
  }

  @Test
  void missingNullWronglyTypedAndUndeclaredFieldsAreEachNamed() {
    JsonObject bad = message().put("seq", "3").put("extra", 1).putNull("from");
    bad.remove("createdAt");
    assertEquals(
        List.of(
            "$.seq: expected long, got 3",
            "$.from: null",
            "$.createdAt: missing",
            "$.extra: not in Message"),
        ContractSchema.problems(Message.class, bad));
  }

  @Test
  void contentMustMatchOneKindAndEnumsTheirWireValues() {
    JsonObject content = message().put("content", new JsonObject().put("url", "/api/media/x"));
    assertEquals(1, ContractSchema.problems(Message.class, content).size());
    assertEquals(
        List.of("$.kind: expected MessageKind, got sticker"),
        ContractSchema.problems(Message.class, message().put("kind", "sticker")));
  }

  @Test
  void encodedPayloadsConformAndWriteEnumsByWireValue() {
    JsonObject ended =
        ContractJson.encode(new CallEndedPayload("c1", CallEndReason.answered_elsewhere));
    assertEquals("answered-elsewhere", ended.getString("reason"));
    assertEquals(List.of(), ContractSchema.problems(CallEndedPayload.class, ended));
    JsonObject wrapped = ContractJson.encode(new MessageNewPayload(Wire.of(message())));
    assertEquals(List.of(), ContractSchema.problems(MessageNewPayload.class, wrapped));
  }
}
