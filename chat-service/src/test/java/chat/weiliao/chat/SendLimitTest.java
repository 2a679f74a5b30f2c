package chat.weiliao.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.weiliao.common.ApiException;
import chat.weiliao.common.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

/** Past its bound a send fails at once with UNAVAILABLE; a finished send frees its place. */
class SendLimitTest {
  @Test
  void refusesPastTheBoundUntilASendFinishes() {
    SendLimit limit = new SendLimit(2);
    Promise<String> first = Promise.promise();
    Promise<String> second = Promise.promise();
    Future<String> a = limit.run(() -> first.future());
    limit.run(() -> second.future());

    Future<String> refused = limit.run(() -> Future.succeededFuture("never run"));
    assertTrue(refused.failed());
    assertEquals(ErrorCode.UNAVAILABLE, ((ApiException) refused.cause()).code());

    first.complete("done");
    assertEquals("done", a.result());
    assertEquals("taken", limit.run(() -> Future.succeededFuture("taken")).result());
    second.fail("store down");
    assertEquals(0, limit.running(), "failed and thrown sends free their place too");
    limit.run(
        () -> {
          throw new IllegalStateException("bug");
        });
    assertEquals(0, limit.running());
  }
}
