package io.zopesync.core.internal;

import io.zopesync.core.kernel.ObjectPath;
import io.zopesync.core.result.ObjectResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a target's {@link Transaction} ended: committed, rolled back, or rolled back only in part. Each carries the
 * result of every object it was to change, by the item's index in the run.
 */
sealed interface TransactionReport permits TransactionReport.Committed, TransactionReport.RolledBack,
        TransactionReport.NotRestored {

    /** The result of each object the transaction was to change, by the item's index. */
    Map<Integer, ObjectResult> objects();

    /**
     * Every object is in place and the journal says so.
     *
     * @param backupsLeft the backups still on the target (kept as asked, or not deleted), as paths
     */
    record Committed(Map<Integer, ObjectResult> objects, List<String> backupsLeft)
            implements TransactionReport {
        public Committed {
            objects = Map.copyOf(objects);
            backupsLeft = List.copyOf(backupsLeft);
        }
    }

    /**
     * Something failed and every change was undone.
     *
     * @param changed whether the transaction had begun to change the target before it was undone
     */
    record RolledBack(Failure failure, boolean changed, Map<Integer, ObjectResult> objects)
            implements TransactionReport {
        public RolledBack {
            objects = Map.copyOf(objects);
        }
    }

    /**
     * Something failed and putting the target back failed too for some objects.
     *
     * @param left what stays on the target, last object first
     * @param journalKept whether the journal stays in the import directory, so that the next run puts the rest back
     */
    record NotRestored(Failure failure, List<Left> left, boolean journalKept, Map<Integer, ObjectResult> objects)
            implements TransactionReport {
        public NotRestored {
            left = List.copyOf(left);
            objects = Map.copyOf(objects);
        }
    }

    /**
     * An object that could not be put back.
     *
     * @param destination where the object is
     * @param backup its backup's path, if it has one (the object as it was before the run)
     * @param error why it could not be put back
     */
    record Left(ObjectPath destination, Optional<ObjectPath> backup, String error) {
        /** {@code "/a/b (its backup is /a/b.zope-sync-backup-…)"}. */
        String where() {
            return destination + backup.map(path -> " (its backup is " + path + ")").orElse("");
        }
    }
}
