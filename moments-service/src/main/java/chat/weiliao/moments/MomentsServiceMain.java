package chat.weiliao.moments;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.node.ServiceMain;

/** Runs moments-service on its own, normally joined to the cluster (WEILIAO_CLUSTERED=true). */
public final class MomentsServiceMain {
  private MomentsServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run("moments-service", Addresses.MOMENTS_SERVICE, MomentsServiceVerticle::new);
  }
}
