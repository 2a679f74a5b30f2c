package chat.weiliao.gateway.ws;

/** The contract's WebSocket close codes. */
final class CloseCodes {
  static final short GOING_AWAY = 1001;
  static final short UNSUPPORTED_DATA = 1003;
  static final short INVALID_DATA = 1007;
  static final short POLICY = 1008;
  static final short TOO_BIG = 1009;
  static final short INTERNAL = 1011;
  static final short TOKEN_INVALID = 4001;

  private CloseCodes() {
  }
}
