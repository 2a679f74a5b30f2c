package chat.weiliao.allinone;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's H2 file backend commits in the background about once a second, which
 * would let a killed all-in-one process lose writes it had already acknowledged. This one
 * commits every write command before answering it: an ack means the data is in the file.
 */
final class DurableH2Backend extends H2Backend {
  private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
      "createindexes", "dropindexes", "drop", "dropdatabase", "renamecollection");

  DurableH2Backend(MVStore store) {
    super(store);
  }

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    Document result = super.handleCommand(channel, database, command, query);
    if (WRITES.contains(command.toLowerCase())) {
      commit();
    }
    return result;
  }
}
