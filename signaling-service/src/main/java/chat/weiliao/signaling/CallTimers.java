package chat.weiliao.signaling;

import chat.weiliao.common.contract.ContractObjects.CallResult;
import chat.weiliao.common.contract.EventPayloads.CallEndReason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timers that must fire even if the instance that started a call is gone: every instance sweeps
 * Redis, and the store's atomic claims make exactly one of them act. Ring deadlines end unanswered
 * calls ({@code timeout}, recorded as missed); a party whose gateway stopped heartbeating ends the
 * call ({@code disconnected}) within a few seconds.
 */
final class CallTimers {
  private static final Logger log = LoggerFactory.getLogger(CallTimers.class);
  private final Vertx vertx;
  private final CallStore calls;
  private final CallEvents events;
  private final List<Long> timers = new ArrayList<>();

  CallTimers(Vertx vertx, CallStore calls, CallEvents events) {
    this.vertx = vertx;
    this.calls = calls;
    this.events = events;
  }

  void start() {
    timers.add(vertx.setPeriodic(500, id -> endOverdue()));
    timers.add(vertx.setPeriodic(1000, id -> endOrphaned()));
  }

  void stop() {
    timers.forEach(vertx::cancelTimer);
  }

  private void endOverdue() {
    calls
        .overdue(System.currentTimeMillis())
        .onSuccess(
            ids ->
                ids.forEach(
                    id ->
                        endIfUnanswered(id)
                            .onFailure(
                                failure ->
                                    log.warn(
                                        "call {}: ring deadline not handled: {}",
                                        id,
                                        failure.getMessage()))))
        .onFailure(failure -> log.warn("ring deadline sweep failed: {}", failure.getMessage()));
  }

  /** The instance that claims the deadline ends the call if it still rings: a missed call. */
  private Future<Void> endIfUnanswered(String id) {
    return calls
        .claimDeadline(id)
        .compose(claimed -> claimed ? calls.endIf(id, "ringing") : Future.succeededFuture())
        .map(
            ended -> {
              if (ended != null) {
                events.ended(ended, CallEndReason.timeout);
                events.record(ended, CallResult.missed);
              }
              return null;
            });
  }

  private void endOrphaned() {
    calls
        .active()
        .onSuccess(this::endEachOrphaned)
        .onFailure(failure -> log.warn("orphaned call sweep failed: {}", failure.getMessage()));
  }

  /** One sweep asks each gateway node's heartbeat once, however many calls it holds. */
  private void endEachOrphaned(List<String> ids) {
    Map<String, Future<Boolean>> nodes = new HashMap<>();
    for (String id : ids) {
      calls
          .get(id)
          .compose(call -> endIfOrphaned(id, call, nodes))
          .onFailure(
              failure -> log.warn("call {}: orphan check failed: {}", id, failure.getMessage()));
    }
  }

  private Future<Void> endIfOrphaned(
      String id, JsonObject call, Map<String, Future<Boolean>> nodes) {
    if (call == null) {
      return forgetExpired(id);
    }
    Future<Boolean> callerAlive = alive(nodes, call.getString("callerConn"));
    Future<Boolean> calleeAlive = alive(nodes, call.getString("calleeConn"));
    return Future.all(callerAlive, calleeAlive)
        .compose(
            both ->
                callerAlive.result() && calleeAlive.result()
                    ? Future.succeededFuture()
                    : endDisconnected(id));
  }

  /**
   * A listed call whose state has expired (12 h after it was answered, or a ring whose deadline
   * every sweep missed) is taken off the list; without this, {@code calls:active} would grow with
   * every such call and each sweep would read them all again. Ending a missing call only cleans the
   * lists, and a call created meanwhile is listed by the same script that writes its state.
   */
  private Future<Void> forgetExpired(String id) {
    return calls.end(id).mapEmpty();
  }

  private Future<Void> endDisconnected(String id) {
    return calls
        .end(id)
        .map(
            ended -> {
              if (ended != null) {
                events.ended(ended, CallEndReason.disconnected);
                events.record(ended, CallEvents.resultOfEnd(ended));
              }
              return null;
            });
  }

  /** Whether the gateway node holding a connection ({@code <node>/<socket>}) still heartbeats. */
  private Future<Boolean> alive(Map<String, Future<Boolean>> nodes, String connection) {
    if (connection == null || connection.indexOf('/') <= 0) {
      return Future.succeededFuture(true);
    }
    String node = connection.substring(0, connection.indexOf('/'));
    return nodes.computeIfAbsent(node, calls::nodeAlive);
  }
}
