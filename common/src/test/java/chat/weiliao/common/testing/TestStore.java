package chat.weiliao.common.testing;

import java.util.Map;

/** A real store for a service under test, on 127.0.0.1 and a free port. */
public interface TestStore {
  /** Starts it; returns the settings that point a service at it. */
  Map<String, String> start() throws Exception;

  void stop() throws Exception;
}
