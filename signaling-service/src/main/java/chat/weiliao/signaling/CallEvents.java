package chat.weiliao.signaling;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.Events;
import chat.weiliao.common.contract.ClientEvent;
import chat.weiliao.common.contract.ContractObjects.CallContent;
import chat.weiliao.common.contract.ContractObjects.CallMedia;
import chat.weiliao.common.contract.ContractObjects.CallResult;
import chat.weiliao.common.contract.EventPayloads.CallEndReason;
import chat.weiliao.common.contract.EventPayloads.CallEndedPayload;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the parties of a call hear, and the call record each finished call leaves. */
final class CallEvents {
  private static final Logger log = LoggerFactory.getLogger(CallEvents.class);
  private static final int RECORD_ATTEMPTS = 5;
  private final Vertx vertx;
  private final ChatApi chat;

  CallEvents(Vertx vertx, ChatApi chat) {
    this.vertx = vertx;
    this.chat = chat;
  }

  /** To one connection of a user. */
  <P extends Record> void toConnection(
      String phone, String connection, ClientEvent<P> event, P payload) {
    Events.publishTo(
        vertx, phone, event.frame(payload), Addresses.ONLY_CONNECTION_HEADER, connection);
  }

  /** To every connection of a user but one (null: all of them). */
  <P extends Record> void toAllBut(
      String phone, String exceptConnection, ClientEvent<P> event, P payload) {
    if (exceptConnection == null) {
      Events.publish(vertx, phone, event, payload);
    } else {
      Events.publishTo(
          vertx, phone, event.frame(payload), Addresses.EXCEPT_CONNECTION_HEADER, exceptConnection);
    }
  }

  /** To whatever the callee has in this call: the accepting connection, or every ringing one. */
  <P extends Record> void toCallee(JsonObject call, ClientEvent<P> event, P payload) {
    String calleeConn = call.getString("calleeConn");
    if (calleeConn != null) {
      toConnection(call.getString("callee"), calleeConn, event, payload);
    } else {
      toAllBut(call.getString("callee"), null, event, payload);
    }
  }

  <P extends Record> void toCaller(JsonObject call, ClientEvent<P> event, P payload) {
    toConnection(call.getString("caller"), call.getString("callerConn"), event, payload);
  }

  void ended(JsonObject call, CallEndReason reason) {
    CallEndedPayload payload = new CallEndedPayload(call.getString("id"), reason);
    toCaller(call, ClientEvents.CALL_ENDED, payload);
    toCallee(call, ClientEvents.CALL_ENDED, payload);
  }

  /** Leaves the call's one record in the direct conversation (idempotent per callId). */
  void record(JsonObject call, CallResult result) {
    long duration = 0;
    if (result == CallResult.completed && call.getString("acceptedAt") != null) {
      duration =
          Math.round(
              (System.currentTimeMillis() - Long.parseLong(call.getString("acceptedAt"))) / 1000.0);
    }
    CallContent content =
        new CallContent(
            call.getString("id"), CallMedia.valueOf(call.getString("media")), result, duration);
    writeRecord(call, content, 1);
  }

  /** Retries with backoff: the record is idempotent per callId, so a retry never duplicates it. */
  private void writeRecord(JsonObject call, CallContent content, int attempt) {
    chat.callRecord(call.getString("caller"), call.getString("callee"), content)
        .onFailure(
            failure -> {
              if (attempt >= RECORD_ATTEMPTS) {
                log.error(
                    "call record for {} not written after {} attempts: {}",
                    call.getString("id"),
                    attempt,
                    failure.getMessage());
              } else {
                vertx.setTimer(
                    1000L * attempt * attempt, t -> writeRecord(call, content, attempt + 1));
              }
            });
  }

  static CallResult resultOfEnd(JsonObject call) {
    return "accepted".equals(call.getString("state")) ? CallResult.completed : CallResult.failed;
  }
}
