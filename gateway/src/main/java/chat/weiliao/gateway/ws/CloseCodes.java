package chat.weiliao.gateway.ws;

/** The contract's WebSocket close codes. */
final class CloseCodes {
  static final short GOING_AWAY = 1001;
  static final short PROTOCOL_ERROR = 1002;
  static final short UNSUPPORTED_DATA = 1003;
  static final short INVALID_DATA = 1007;
  static final short POLICY = 1008;
  static final short TOO_BIG = 1009;
  static final short INTERNAL = 1011;
  static final short TOKEN_INVALID = 4001;

  /** Never sent: what Vert.x reports as received when a connection ended with no close frame. */
  static final short ABNORMAL = 1006;

  /**
   * The codes for what a client did: protocol errors, binary, bad UTF-8, policy (floods, not
   * reading), too big.
   */
  static boolean forCause(short code) {
    return code == PROTOCOL_ERROR
        || code == UNSUPPORTED_DATA
        || code == INVALID_DATA
        || code == POLICY
        || code == TOO_BIG;
  }

  private CloseCodes() {}
}
