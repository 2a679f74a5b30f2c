package chat.weiliao.user;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.node.ServiceMain;

/** Runs user-service on its own, normally joined to the cluster (WEILIAO_CLUSTERED=true). */
public final class UserServiceMain {
  private UserServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run("user-service", Addresses.USER_SERVICE, UserServiceVerticle::new);
  }
}
