/**
 * Cross-cutting platform: tenancy and Row-Level Security, the database (embedded or external),
 * authentication of every door, errors as problem+json, cursors and paging, request limits,
 * the typed-event contract ({@link io.castiel.platform.DomainEvent}, its one wire shape
 * {@link io.castiel.platform.EventMessage}) and configuration. Its top-level types are its API;
 * {@code internal} and {@code ratelimit} are its own.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package io.castiel.platform;
