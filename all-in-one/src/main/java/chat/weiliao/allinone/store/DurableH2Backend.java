package chat.weiliao.allinone.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * The embedded store in an H2 file. H2Backend commits in the background about once a second,
 * which would let a killed all-in-one process lose writes it had already acknowledged; this one
 * commits every write command before answering it: an ack means the data is in the file. Its
 * databases have the indexes of {@link LookupIndex} and {@link ServedUniqueIndex}.
 */
public final class DurableH2Backend extends H2Backend {
  private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
      "createindexes", "dropindexes", "drop", "dropdatabase", "renamecollection");

  public DurableH2Backend(MVStore store) {
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

  @Override
  protected MongoDatabase openOrCreateDatabase(String name) {
    return new Database(name, getMvStore(), getCursorRegistry());
  }

  private static final class Database extends H2Database {
    /** Unique indexes reopened from the file while the superclass constructor opens the database. */
    private List<ServedUniqueIndex<Object>> reopened;

    Database(String name, MVStore store, CursorRegistry cursors) {
      super(name, store, cursors);
      if (reopened != null) {
        reopened.forEach(ServedUniqueIndex::opened);
      }
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collection, String name, List<IndexKey> keys, boolean sparse) {
      ServedUniqueIndex<Object> index = new ServedUniqueIndex<>(
          super.openOrCreateUniqueIndex(collection, name, keys, sparse), sparse);
      if (reopened == null) {
        reopened = new ArrayList<>();
      }
      reopened.add(index);
      return index;
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collection, String name, List<IndexKey> keys,
        boolean sparse) {
      return new LookupIndex<>(name, keys, sparse);
    }
  }
}
