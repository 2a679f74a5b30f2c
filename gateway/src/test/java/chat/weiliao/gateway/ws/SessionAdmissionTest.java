package chat.weiliao.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionAdmissionTest {

  @Test
  void atMostLimitRunAndTheRestWaitTheirTurnInOrder() {
    SessionAdmission admission = new SessionAdmission(2);
    List<Promise<String>> started = new ArrayList<>();
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      results.add(
          admission.admit(
              () -> true,
              () -> {
                Promise<String> setUp = Promise.promise();
                started.add(setUp);
                return setUp.future();
              }));
    }
    assertEquals(2, started.size(), "two at once");
    started.get(0).complete("a");
    assertEquals(3, started.size(), "a finished set-up hands its slot to the next");
    started.get(1).fail("down");
    started.get(2).complete("c");
    started.get(3).complete("d");
    started.get(4).complete("e");
    assertEquals("a", results.get(0).result());
    assertTrue(results.get(1).failed(), "a failure is the caller's, and frees the slot too");
    assertEquals("e", results.get(4).result());
  }

  @Test
  void aSocketClosedWhileWaitingIsSkipped() {
    SessionAdmission admission = new SessionAdmission(1);
    Promise<String> first = Promise.promise();
    admission.admit(() -> true, () -> first.future());
    boolean[] ran = {false};
    Future<String> gone =
        admission.admit(
            () -> false,
            () -> {
              ran[0] = true;
              return Future.succeededFuture("never");
            });
    List<String> order = new ArrayList<>();
    Future<String> next =
        admission.admit(
            () -> true,
            () -> {
              order.add("next");
              return Future.succeededFuture("next");
            });
    first.complete("first");
    assertTrue(gone.failed());
    assertEquals(false, ran[0]);
    assertEquals("next", next.result());
    assertEquals(List.of("next"), order);
  }
}
