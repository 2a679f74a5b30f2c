package chat.weiliao.common.contract;

import io.vertx.core.json.JsonObject;

/** One server → client event of the catalogue: its type on the wire and its payload's record. */
public record ClientEvent<P extends Record>(String type, Class<P> payload) {
  /** The frame {@code {type, payload}} as the gateways write it to sockets. */
  public String frame(P payload) {
    return frame(null, payload);
  }

  /** The frame answering a client's frame, carrying its id when it had one (pong). */
  public String frame(String id, P payload) {
    JsonObject frame = new JsonObject().put("type", type);
    if (id != null) {
      frame.put("id", id);
    }
    return frame.put("payload", ContractJson.encode(payload)).encode();
  }
}
