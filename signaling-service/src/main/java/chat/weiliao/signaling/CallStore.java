package chat.weiliao.signaling;

import chat.weiliao.common.Addresses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Call state in Redis, so any signaling instance can continue any call and a crashed one leaves
 * nothing stuck (every key expires). {@code call:<id>} is a hash (caller, callee, media, state,
 * callerConn, calleeConn, createdAt, acceptedAt); {@code incall:<phone>} marks a user busy; {@code
 * callconn:<connection>} finds the call a connection belongs to; {@code calls:deadlines} holds ring
 * deadlines for whichever instance's timer sees them first; {@code calls:active} lists live calls
 * for the dead-gateway sweep. Every transition is one Lua script, so exactly one caller of {@link
 * #end} gets the call back and writes its record.
 */
final class CallStore {
  static final String DEADLINES = "calls:deadlines";
  static final String ACTIVE = "calls:active";
  private static final String CREATE =
      """
      if redis.call('EXISTS', 'incall:' .. ARGV[2]) == 1 or redis.call('EXISTS', 'incall:' .. ARGV[3]) == 1 then
        return 0
      end
      redis.call('HSET', KEYS[1], 'id', ARGV[1], 'caller', ARGV[2], 'callee', ARGV[3], 'media', ARGV[4],
        'state', 'ringing', 'callerConn', ARGV[5], 'createdAt', ARGV[6])
      redis.call('EXPIRE', KEYS[1], ARGV[8])
      redis.call('SET', 'incall:' .. ARGV[2], ARGV[1], 'EX', ARGV[8])
      redis.call('SET', 'incall:' .. ARGV[3], ARGV[1], 'EX', ARGV[8])
      redis.call('SET', 'callconn:' .. ARGV[5], ARGV[1], 'EX', ARGV[8])
      redis.call('ZADD', KEYS[2], ARGV[7], ARGV[1])
      redis.call('SADD', KEYS[3], ARGV[1])
      return 1
      """;
  private static final String ACCEPT =
      """
      local state = redis.call('HGET', KEYS[1], 'state')
      if not state then return 'missing' end
      if redis.call('HGET', KEYS[1], 'callee') ~= ARGV[1] then return 'forbidden' end
      if state ~= 'ringing' then return 'answered' end
      redis.call('HSET', KEYS[1], 'state', 'accepted', 'calleeConn', ARGV[2], 'acceptedAt', ARGV[3])
      local caller = redis.call('HGET', KEYS[1], 'caller')
      for _, key in ipairs({KEYS[1], 'incall:' .. caller, 'incall:' .. ARGV[1],
          'callconn:' .. redis.call('HGET', KEYS[1], 'callerConn')}) do
        redis.call('EXPIRE', key, ARGV[4])
      end
      redis.call('SET', 'callconn:' .. ARGV[2], ARGV[5], 'EX', ARGV[4])
      redis.call('ZREM', KEYS[2], ARGV[5])
      return 'ok'
      """;
  private static final String END =
      """
      local fields = redis.call('HGETALL', KEYS[1])
      if #fields == 0 then
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('SREM', KEYS[3], ARGV[1])
        return {}
      end
      local call = {}
      for i = 1, #fields, 2 do call[fields[i]] = fields[i + 1] end
      if ARGV[2] ~= '' and call.state ~= ARGV[2] then return {} end
      redis.call('DEL', KEYS[1])
      for _, phone in ipairs({call.caller, call.callee}) do
        if redis.call('GET', 'incall:' .. phone) == ARGV[1] then redis.call('DEL', 'incall:' .. phone) end
      end
      for _, conn in ipairs({call.callerConn or '', call.calleeConn or ''}) do
        if conn ~= '' then redis.call('DEL', 'callconn:' .. conn) end
      end
      redis.call('ZREM', KEYS[2], ARGV[1])
      redis.call('SREM', KEYS[3], ARGV[1])
      return fields
      """;

  private final RedisAPI redis;

  CallStore(RedisAPI redis) {
    this.redis = redis;
  }

  /** Creates a ringing call; false when caller or callee is already in a call. */
  Future<Boolean> create(
      String id,
      String caller,
      String callee,
      String media,
      String callerConn,
      long ringDeadline,
      int ttlSeconds) {
    return guard(
            redis.eval(
                List.of(
                    CREATE,
                    "3",
                    key(id),
                    DEADLINES,
                    ACTIVE,
                    id,
                    caller,
                    callee,
                    media,
                    callerConn,
                    Long.toString(System.currentTimeMillis()),
                    Long.toString(ringDeadline),
                    Integer.toString(ttlSeconds))))
        .map(result -> result.toInteger() == 1);
  }

  /** "ok", "missing", "forbidden" (not the callee) or "answered" (no longer ringing). */
  Future<String> accept(String id, String callee, String calleeConn, int ttlSeconds) {
    return guard(
            redis.eval(
                List.of(
                    ACCEPT,
                    "2",
                    key(id),
                    DEADLINES,
                    callee,
                    calleeConn,
                    Long.toString(System.currentTimeMillis()),
                    Integer.toString(ttlSeconds),
                    id)))
        .map(Response::toString);
  }

  /** The call, or null. */
  Future<JsonObject> get(String id) {
    return guard(redis.hgetall(key(id))).map(CallStore::toJson);
  }

  /** Ends the call and returns it; null if it had already ended (someone else got it). */
  Future<JsonObject> end(String id) {
    return endIf(id, "");
  }

  /**
   * Ends the call only while it is in {@code state} (so a refuse cannot end a call just accepted).
   */
  Future<JsonObject> endIf(String id, String state) {
    return guard(redis.eval(List.of(END, "3", key(id), DEADLINES, ACTIVE, id, state)))
        .map(CallStore::toJson);
  }

  /** Redis trouble is UNAVAILABLE to the client (safe to retry), not an internal error. */
  private static <T> Future<T> guard(Future<T> operation) {
    return operation.recover(
        failure ->
            Future.failedFuture(
                chat.weiliao.common.ApiException.unavailable("Call state store unavailable")));
  }

  Future<String> callOfConnection(String connection) {
    return guard(redis.get("callconn:" + connection))
        .map(found -> found == null ? null : found.toString());
  }

  /** Calls whose ring deadline has passed. */
  Future<List<String>> overdue(long now) {
    return redis
        .zrangebyscore(List.of(DEADLINES, "-inf", Long.toString(now), "LIMIT", "0", "100"))
        .map(CallStore::strings);
  }

  /** Claims an overdue call's timeout: true for exactly one instance. */
  Future<Boolean> claimDeadline(String id) {
    return redis.zrem(List.of(DEADLINES, id)).map(removed -> removed.toInteger() == 1);
  }

  Future<List<String>> active() {
    return redis.smembers(ACTIVE).map(CallStore::strings);
  }

  Future<Boolean> nodeAlive(String node) {
    return redis.exists(List.of(Addresses.nodeHeartbeat(node))).map(count -> count.toInteger() > 0);
  }

  private static String key(String id) {
    return "call:" + id;
  }

  private static List<String> strings(Response response) {
    List<String> values = new ArrayList<>();
    if (response != null) {
      response.forEach(value -> values.add(value.toString()));
    }
    return values;
  }

  private static JsonObject toJson(Response response) {
    if (response == null || response.size() == 0) {
      return null;
    }
    JsonObject call = new JsonObject();
    if (response.type() == io.vertx.redis.client.ResponseType.MULTI
        && response.getKeys().isEmpty()) {
      for (int i = 0; i + 1 < response.size(); i += 2) {
        call.put(response.get(i).toString(), response.get(i + 1).toString());
      }
    } else {
      for (String field : response.getKeys()) {
        call.put(field, response.get(field).toString());
      }
    }
    return call;
  }
}
