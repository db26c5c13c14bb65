package io.castiel.platform.internal;

/** The request role's name, as the migrations must grant to it. */
record DatabaseRoles(String appRole) {
}
