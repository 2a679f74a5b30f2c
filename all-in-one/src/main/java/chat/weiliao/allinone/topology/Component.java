package chat.weiliao.allinone.topology;

import java.util.List;
import java.util.Map;

/**
 * One compose service as a local process: what to run, with which environment, when it counts as
 * ready, and what it serves (for status).
 *
 * @param readyPath null: ready once {@code readyPort} accepts a connection; else once GET {@code
 *     readyPath} there answers 200
 */
record Component(
    String name,
    List<String> command,
    Map<String, String> environment,
    List<String> dependsOn,
    int readyPort,
    String readyPath,
    String endpoint) {

  String readiness() {
    return readyPath == null
        ? "listening on :" + readyPort
        : "GET :" + readyPort + readyPath + " 200";
  }
}
