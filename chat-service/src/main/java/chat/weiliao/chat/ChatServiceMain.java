package chat.weiliao.chat;

import chat.weiliao.common.Addresses;
import chat.weiliao.common.node.ServiceMain;

/** Runs chat-service on its own, normally joined to the cluster (WEILIAO_CLUSTERED=true). */
public final class ChatServiceMain {
  private ChatServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run("chat-service", Addresses.CHAT_SERVICE, ChatServiceVerticle::new);
  }
}
