package chat.weiliao.common.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.contract.ContractObjects.MessageKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * chat-service's client-facing requests as their readers take them from a frame or a route: a valid
 * one becomes its record, an invalid one the contract's error before any handler sees it.
 */
class ChatReadersTest {
  private static final String ALICE = "13800000001";
  private static final String BOB = "13800000002";

  @Test
  void aSendToAPhoneIsToTheirDirectConversationWithTheContentCheckedAndCopied() {
    JsonObject payload =
        new JsonObject()
            .put("to", BOB)
            .put("clientMsgId", "c1")
            .put("kind", "text")
            .put("content", new JsonObject().put("text", "hi").put("extra", true));

    ChatApi.SendRequest send = ChatApi.SEND.reader().apply(BusCall.by(ALICE, payload));

    assertEquals("d_" + ALICE + "_" + BOB, send.conversationId());
    assertEquals(MessageKind.text, send.kind());
    assertEquals(new JsonObject().put("text", "hi"), send.content().json());
    assertNull(send.mentions());
  }

  @Test
  void mentionsAreRefusedOutsideAGroupAndReadInOne() {
    JsonObject payload =
        new JsonObject()
            .put("conversationId", "d_" + ALICE + "_" + BOB)
            .put("clientMsgId", "c2")
            .put("kind", "text")
            .put("content", new JsonObject().put("text", "hi"))
            .put("mentions", new JsonArray().add(BOB).add(BOB));
    assertRefused(
        ErrorCode.INVALID_ARGUMENT,
        "only text messages in a group may mention people",
        () -> ChatApi.SEND.reader().apply(BusCall.by(ALICE, payload)));

    payload.put("conversationId", "g_0123456789abcdef");
    assertEquals(List.of(BOB), ChatApi.SEND.reader().apply(BusCall.by(ALICE, payload)).mentions());
  }

  @Test
  void aRouteParameterWinsOverTheBody() {
    BusCall call =
        BusCall.by(ALICE, new JsonObject().put("conversationId", "g_other").put("seq", 3))
            .param("conversationId", "g_mine")
            .param("seq", "7");

    ChatApi.ReadRequest read = ChatApi.READ.reader().apply(call);

    assertEquals("g_mine", read.conversationId());
    assertEquals(7, read.seq());
  }

  @Test
  void aGroupIdThatCannotBeOneIsNotFoundAndAnEmptyUpdateInvalid() {
    assertRefused(
        ErrorCode.NOT_FOUND,
        "No such group",
        () -> ChatApi.GET_GROUP.reader().apply(BusCall.by(ALICE).param("id", "../x")));
    assertRefused(
        ErrorCode.INVALID_ARGUMENT,
        "Give a name or a notice to change",
        () ->
            ChatApi.UPDATE_GROUP.reader().apply(BusCall.by(ALICE).param("id", "0123456789abcdef")));
  }

  private static void assertRefused(ErrorCode code, String message, Runnable read) {
    ApiException refused = assertThrows(ApiException.class, read::run);
    assertEquals(code, refused.code());
    assertEquals(message, refused.getMessage());
  }
}
