/**
 * Identity: tenants, users, password login, access and refresh tokens.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package io.castiel.identity;
