package chat.weiliao.gateway;

import chat.weiliao.common.node.ServiceMain;

/** Runs a gateway on its own, normally joined to the cluster (WEILIAO_CLUSTERED=true). */
public final class GatewayMain {
  private GatewayMain() {}

  public static void main(String[] args) {
    ServiceMain.run("gateway", GatewayVerticle::new);
  }
}
