package chat.weiliao.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * An {@link Answer} as it travels: its reply as JSON, the HTTP status that overrides the route's
 * default if any, and, on the answering side only, the work to do once it is on its way. The
 * gateway's routes read it untyped ({@link ServiceClient#call}): they pass the JSON on to the
 * client as it is.
 */
public record Reply(Integer status, JsonObject body, Runnable afterReply) {}
