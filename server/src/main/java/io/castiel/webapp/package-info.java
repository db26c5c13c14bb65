/**
 * The web app: the single-page app built into the jar ({@code classpath:/webapp/}) served from the
 * API's own origin and port. Hashed files under {@code /assets/} are cached for good; every other
 * GET of a page (a deep link such as {@code /shards/123}) answers {@code index.html}, so a reload
 * works. API, socket, health and actuator paths never fall back to it. No API of its own.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web app")
package io.castiel.webapp;
