package chat.weiliao.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is online, across every gateway node, in Redis. {@code presence:<phone>} is the set of
 * gateway nodes holding a socket of that user; a node is alive while its heartbeat key {@code
 * node:<id>} exists (Addresses.nodeHeartbeat) (gateways refresh it; it expires when one dies
 * without a goodbye), so a dead node's users read as offline and are pruned on the next change.
 * {@code lastseen:<phone>} keeps when the user's last socket closed.
 */
final class Presence {
  /** Adds or removes a node; returns {aliveBefore, aliveAfter} counting live nodes only. */
  private static final String CHANGE =
      """
      local before = 0
      for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do
        if node == ARGV[2] or redis.call('EXISTS', 'node:' .. node) == 1 then before = before + 1
        else redis.call('SREM', KEYS[1], node) end
      end
      if ARGV[1] == 'add' then
        redis.call('SADD', KEYS[1], ARGV[2])
      else
        redis.call('SREM', KEYS[1], ARGV[2])
        redis.call('SET', KEYS[2], ARGV[3])
      end
      return {before, redis.call('SCARD', KEYS[1])}
      """;

  private static final String STATE =
      """
      local online = 0
      for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do
        if redis.call('EXISTS', 'node:' .. node) == 1 then online = 1 end
      end
      return {online, redis.call('GET', KEYS[2]) or false}
      """;

  /**
   * 1 for each key (a user's node set) with a live node, else 0: a whole group in one round trip.
   */
  private static final String ONLINE_EACH =
      """
      local online = {}
      for i, key in ipairs(KEYS) do
        online[i] = 0
        for _, node in ipairs(redis.call('SMEMBERS', key)) do
          if redis.call('EXISTS', 'node:' .. node) == 1 then online[i] = 1 break end
        end
      end
      return online
      """;

  private final RedisAPI redis;

  Presence(RedisAPI redis) {
    this.redis = redis;
  }

  /** Records a node's first socket of the user; true if the user just came online. */
  Future<Boolean> online(String phone, String node) {
    return change(phone, node, "add").map(counts -> counts[0] == 0 && counts[1] > 0);
  }

  /** Records a node's last socket of the user closing; true if the user just went offline. */
  Future<Boolean> offline(String phone, String node) {
    return change(phone, node, "remove").map(counts -> counts[0] > 0 && counts[1] == 0);
  }

  private Future<int[]> change(String phone, String node, String how) {
    return redis
        .eval(
            List.of(
                CHANGE,
                "2",
                setKey(phone),
                lastSeenKey(phone),
                how,
                node,
                Long.toString(System.currentTimeMillis())))
        .map(result -> new int[] {result.get(0).toInteger(), result.get(1).toInteger()});
  }

  /** {online, lastSeen} for each phone, in order. */
  Future<List<JsonObject>> states(List<String> phones) {
    List<Future<Response>> lookups = new ArrayList<>();
    for (String phone : phones) {
      lookups.add(redis.eval(List.of(STATE, "2", setKey(phone), lastSeenKey(phone))));
    }
    return Future.all(lookups)
        .recover(redisDown -> Future.succeededFuture(null))
        .map(
            all -> {
              List<JsonObject> states = new ArrayList<>();
              for (int i = 0; i < phones.size(); i++) {
                if (all == null) {
                  // Presence is a nicety: without Redis, show everyone offline rather than fail the
                  // list.
                  states.add(new JsonObject().put("online", false).putNull("lastSeen"));
                  continue;
                }
                Response result = all.resultAt(i);
                boolean online = result.get(0).toInteger() == 1;
                Response lastSeen = result.size() > 1 ? result.get(1) : null;
                states.add(
                    new JsonObject()
                        .put("online", online)
                        .put("lastSeen", online || lastSeen == null ? null : lastSeen.toLong()));
              }
              return states;
            });
  }

  /** Those of the phones with no socket on a live gateway node (for pushes), in one script. */
  Future<List<String>> offlineAmong(List<String> phones) {
    if (phones.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<String> args = new ArrayList<>(List.of(ONLINE_EACH, Integer.toString(phones.size())));
    phones.forEach(phone -> args.add(setKey(phone)));
    return redis
        .eval(args)
        .map(
            online -> {
              List<String> offline = new ArrayList<>();
              for (int i = 0; i < phones.size(); i++) {
                if (online.get(i).toInteger() == 0) {
                  offline.add(phones.get(i));
                }
              }
              return offline;
            });
  }

  private static String setKey(String phone) {
    return "presence:" + phone;
  }

  private static String lastSeenKey(String phone) {
    return "lastseen:" + phone;
  }
}
