package chat.weiliao.common.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;

/** Reading MongoDB driver failures. */
public final class MongoErrors {
  private MongoErrors() {
  }

  /** Whether a write failed on a unique index (E11000), however the driver wrapped it. */
  public static boolean isDuplicateKey(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof MongoWriteException write
          && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return true;
      }
      if (cause instanceof MongoServerException server && server.getCode() == 11000) {
        return true;
      }
      if (cause.getMessage() != null && cause.getMessage().contains("E11000")) {
        return true;
      }
    }
    return false;
  }
}
