package chat.weiliao.signaling;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.bus.ChatApi;
import chat.weiliao.common.bus.ClientEvents;
import chat.weiliao.common.bus.Events;
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
  void toConnection(String phone, String connection, String type, JsonObject payload) {
    Events.publishTo(vertx, phone, Events.frame(type, payload), Addresses.ONLY_CONNECTION_HEADER, connection);
  }

  /** To every connection of a user but one (null: all of them). */
  void toAllBut(String phone, String exceptConnection, String type, JsonObject payload) {
    if (exceptConnection == null) {
      Events.publish(vertx, phone, type, payload);
    } else {
      Events.publishTo(vertx, phone, Events.frame(type, payload), Addresses.EXCEPT_CONNECTION_HEADER, exceptConnection);
    }
  }

  /** To whatever the callee has in this call: the accepting connection, or every ringing one. */
  void toCallee(JsonObject call, String type, JsonObject payload) {
    String calleeConn = call.getString("calleeConn");
    if (calleeConn != null) {
      toConnection(call.getString("callee"), calleeConn, type, payload);
    } else {
      toAllBut(call.getString("callee"), null, type, payload);
    }
  }

  void toCaller(JsonObject call, String type, JsonObject payload) {
    toConnection(call.getString("caller"), call.getString("callerConn"), type, payload);
  }

  void ended(JsonObject call, String reason) {
    JsonObject payload = new JsonObject().put("callId", call.getString("id")).put("reason", reason);
    toCaller(call, ClientEvents.CALL_ENDED, payload);
    toCallee(call, ClientEvents.CALL_ENDED, payload);
  }

  /** Leaves the call's one record in the direct conversation (idempotent per callId). */
  void record(JsonObject call, String result) {
    long duration = 0;
    if ("completed".equals(result) && call.getString("acceptedAt") != null) {
      duration = Math.round((System.currentTimeMillis() - Long.parseLong(call.getString("acceptedAt"))) / 1000.0);
    }
    JsonObject content = new JsonObject().put("callId", call.getString("id")).put("media", call.getString("media"))
        .put("result", result).put("duration", duration);
    writeRecord(call, content, 1);
  }

  /** Retries with backoff: the record is idempotent per callId, so a retry never duplicates it. */
  private void writeRecord(JsonObject call, JsonObject content, int attempt) {
    chat.callRecord(call.getString("caller"), call.getString("callee"), content).onFailure(failure -> {
      if (attempt >= RECORD_ATTEMPTS) {
        log.error("call record for {} not written after {} attempts: {}", call.getString("id"), attempt,
            failure.getMessage());
      } else {
        vertx.setTimer(1000L * attempt * attempt, t -> writeRecord(call, content, attempt + 1));
      }
    });
  }

  static String resultOfEnd(JsonObject call) {
    return "accepted".equals(call.getString("state")) ? "completed" : "failed";
  }
}
