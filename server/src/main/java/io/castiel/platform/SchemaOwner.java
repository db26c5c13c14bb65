package io.castiel.platform;

/**
 * DDL that only the schema's owner may run, outside any transaction: the indexes a module builds
 * concurrently for what tenants declare (a type's indexed fields). Requests run as a role that
 * owns no table, so such statements can never run on the request path; jobs call this.
 */
public interface SchemaOwner {

    /** Runs one statement on a connection of its own as the owner, in autocommit mode (as {@code create index concurrently} needs). */
    void execute(String statement);
}
