package chat.weiliao.signaling;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.node.ServiceMain;

/** Runs signaling-service on its own, normally joined to the cluster (WEILIAO_CLUSTERED=true). */
public final class SignalingServiceMain {
  private SignalingServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run(
        "signaling-service", Addresses.SIGNALING_SERVICE, SignalingServiceVerticle::new);
  }
}
