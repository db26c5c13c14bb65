/**
 * Cross-cutting platform: tenancy and Row-Level Security, the database (embedded or external),
 * security filter chain, errors as problem+json, cursors, request limits and configuration.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.castiel.platform;
