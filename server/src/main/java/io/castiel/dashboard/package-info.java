/**
 * Dashboards and saved views: what the web app draws over the shards. A dashboard is data, not
 * code: a grid layout of widgets whose numbers come from analytics queries (the public query
 * language of {@code POST /analytics/query}) or metric definitions, private to its owner, shared
 * with the tenant or with some roles. A saved view is a named shard list (type, where, sort,
 * columns). Writes are audited and publish {@code dashboard.*} events; a {@code /ws} socket can
 * watch a dashboard and is told which widgets a committed write made stale (through realtime's
 * {@link io.castiel.realtime.Watchable}). New tenants get built-in starter dashboards.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboards")
package io.castiel.dashboard;
