package chat.weiliao.common.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.ErrorCode;
import chat.weiliao.common.bus.ChatApi.CallRecord;
import chat.weiliao.common.contract.ContractObjects.CallContent;
import chat.weiliao.common.contract.ContractObjects.CallMedia;
import chat.weiliao.common.contract.ContractObjects.CallResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A typed action over a real event bus: the handler gets the decoded request and who asks, the
 * caller the decoded reply, a failure its contract code, and after-reply work runs after the reply.
 */
class TypedBusTest {
  private static final BusAction<CallRecord, BusAction.Phones> RECORD =
      BusAction.of("test.record", CallRecord.class, BusAction.Phones.class);
  private final Vertx vertx = Vertx.vertx();
  private final List<String> happened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void requestAndReplyTravelAsTheirRecords() throws Exception {
    new BusEndpoint(vertx, "test.service")
        .on(
            RECORD,
            (call, record) -> {
              happened.add("handled " + call.caller() + " " + record);
              return Future.succeededFuture(
                  Answer.of(new BusAction.Phones(List.of(record.caller(), record.callee())))
                      .then(() -> happened.add("after reply")));
            })
        .start()
        .await(5, TimeUnit.SECONDS);
    ServiceClient client = new ServiceClient(vertx, "test.service", 5_000);
    CallRecord record =
        new CallRecord(
            "+1", "+2", new CallContent("c1", CallMedia.video, CallResult.completed, 42));

    BusAction.Phones reply =
        client.ask(RECORD, BusCall.by("+9"), record).await(5, TimeUnit.SECONDS);

    assertEquals(List.of("+1", "+2"), reply.phones());
    assertEquals(
        "handled +9 " + record,
        happened.get(0),
        "the handler saw the request as sent, and who asked");
    assertEquals("after reply", happened.get(1));
  }

  @Test
  void aFailureArrivesWithItsContractCode() throws Exception {
    new BusEndpoint(vertx, "test.failing")
        .on(RECORD, (call, record) -> Future.failedFuture(ApiException.conflict("already")))
        .start()
        .await(5, TimeUnit.SECONDS);
    ServiceClient client = new ServiceClient(vertx, "test.failing", 5_000);
    Throwable failure =
        client
            .ask(RECORD, BusCall.anonymous(), new CallRecord("+1", "+2", null))
            .transform(done -> Future.succeededFuture(done.cause()))
            .await(5, TimeUnit.SECONDS);
    assertEquals(
        ErrorCode.CONFLICT,
        assertInstanceOf(ApiException.class, failure).code(),
        String.valueOf(failure));
  }

  @Test
  void aTypedAnswersStatusReachesTheRouteAndAReadersRefusalComesFirst() throws Exception {
    BusAction<BusAction.Phone, BusAction.Phone> echo =
        BusAction.fromClient("test.echo", UserRequests::phoneOf, BusAction.Phone.class);
    new BusEndpoint(vertx, "test.status")
        .on(
            echo,
            (call, asked) -> {
              happened.add("handled " + asked.phone());
              return Future.succeededFuture(Answer.withStatus(200, asked));
            })
        .start()
        .await(5, TimeUnit.SECONDS);
    ServiceClient client = new ServiceClient(vertx, "test.status", 5_000);

    Reply reply =
        client
            .call(echo.name(), BusCall.anonymous().param("phone", "13800000000"))
            .await(5, TimeUnit.SECONDS);
    assertEquals(200, reply.status(), "the status overrides the route's default");
    assertEquals(new JsonObject().put("phone", "13800000000"), reply.body());

    Throwable refused =
        client
            .call(echo.name(), BusCall.anonymous().param("phone", "not-a-phone"))
            .transform(done -> Future.succeededFuture(done.cause()))
            .await(5, TimeUnit.SECONDS);
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertInstanceOf(ApiException.class, refused).code());
    assertEquals(List.of("handled 13800000000"), happened, "no handler ran for the bad phone");
  }

  @Test
  void theWireFormIsThePlainJsonOfTheRecord() {
    JsonObject json =
        chat.weiliao.common.contract.ContractJson.encode(
            new CallRecord(
                "+1", "+2", new CallContent("c1", CallMedia.audio, CallResult.missed, 0)));
    assertEquals(
        new JsonObject(
            "{\"caller\":\"+1\",\"callee\":\"+2\",\"content\":{\"callId\":\"c1\",\"media\":\"audio\","
                + "\"result\":\"missed\",\"duration\":0}}"),
        json);
    assertEquals(
        json,
        chat.weiliao.common.contract.ContractJson.encode(
            chat.weiliao.common.contract.ContractJson.decode(CallRecord.class, json)));
  }

  @Test
  void bytesArriveWhetherTheBusKeptThemOrSentThemAsText() {
    byte[] bytes = {0, 1, (byte) 0xfe, (byte) 0xff, 42};
    JsonObject local =
        chat.weiliao.common.contract.ContractJson.encode(new ChatMedia.Chunk("id", 3, bytes));
    JsonObject overTheNetwork = new JsonObject(local.encode());

    for (JsonObject json : List.of(local, overTheNetwork)) {
      ChatMedia.Chunk chunk =
          chat.weiliao.common.contract.ContractJson.decode(ChatMedia.Chunk.class, json);
      assertEquals(3, chunk.n());
      assertEquals(List.of(0, 1, -2, -1, 42), asList(chunk.data()));
    }
  }

  private static List<Integer> asList(byte[] bytes) {
    List<Integer> list = new ArrayList<>();
    for (byte b : bytes) {
      list.add((int) b);
    }
    return list;
  }
}
