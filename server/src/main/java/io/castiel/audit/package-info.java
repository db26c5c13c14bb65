/**
 * The append-only, hash-chained audit log. Other modules append through {@link io.castiel.audit.AuditLog}
 * inside their own transaction, so a change and its audit row commit together or not at all.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package io.castiel.audit;
