package chat.weiliao.common.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;

/** Reading MongoDB driver failures. */
public final class MongoErrors {
  private MongoErrors() {}

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

  /**
   * For an ordered bulk write that stopped on a unique index: the index of the operation that hit
   * it (every one before it was applied, none after). -1 for any other failure.
   */
  public static int duplicateKeyAt(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof MongoBulkWriteException bulk
          && bulk.getWriteConcernError() == null
          && bulk.getWriteErrors().size() == 1) {
        BulkWriteError error = bulk.getWriteErrors().get(0);
        return error.getCategory() == ErrorCategory.DUPLICATE_KEY ? error.getIndex() : -1;
      }
    }
    return -1;
  }

  /**
   * For an unordered bulk write: whether every operation that failed hit a unique index (so every
   * other one was applied, and a retry of the same inserts has nothing left to do).
   */
  public static boolean onlyDuplicateKeys(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof MongoBulkWriteException bulk) {
        return bulk.getWriteConcernError() == null
            && bulk.getWriteErrors().stream()
                .allMatch(error -> error.getCategory() == ErrorCategory.DUPLICATE_KEY);
      }
    }
    return isDuplicateKey(failure);
  }
}
