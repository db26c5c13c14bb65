package io.castiel.audit;

import java.util.List;

/** Appends audit rows to the current tenant's chain, in the caller's transaction. */
public interface AuditLog {

    void record(AuditEntry entry);

    void record(List<AuditEntry> entries);
}
