package io.castiel.analytics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.castiel.analytics.internal.MetricDefinitions;
import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.ApiException.FieldError;
import io.castiel.platform.Cursors;
import io.castiel.platform.DomainEvents;
import io.castiel.platform.Ids;
import io.castiel.platform.JsonProblems;
import io.castiel.platform.Page;
import io.castiel.platform.PageRequest;
import io.castiel.platform.Role;
import io.castiel.shard.AggregationQuery;
import io.castiel.shard.AggregationResult;
import io.castiel.shard.AggregationWindow;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Metric definitions: saved one-number analytics queries. Viewers read them and their values
 * (computed over the shards the caller may read, so two users may see different numbers); members
 * and up create, change and delete them, each write audited and announced ({@code metric.created},
 * {@code .updated}, {@code .deleted}) in its transaction. A definition's query is checked against
 * its shard type when saved; errors point into the body ({@code /query/measures/0/field}).
 */
@Service
public class MetricDefinitionService {

    public static final String PREVIOUS_PERIOD = "previousPeriod";
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{1,62}$");
    private static final Pattern CURRENCY_FORMAT = Pattern.compile("^currency:[A-Z]{3}$");
    private static final Set<String> FORMATS = Set.of("number", "percent");
    private static final Set<String> NUMERIC_FUNCTIONS = Set.of("sum", "avg", "min", "max", "p50", "p90");
    private static final Period LONGEST_PERIOD = Period.ofYears(10);

    private final MetricDefinitions metrics;
    private final AnalyticsQueries queries;
    private final ActorContext actors;
    private final AuditLog audit;
    private final DomainEvents events;
    private final Cursors cursors;
    private final Ids ids;
    private final Clock clock;
    private final JsonMapper json;
    private final TransactionTemplate readOnly;

    MetricDefinitionService(MetricDefinitions metrics, AnalyticsQueries queries, ActorContext actors, AuditLog audit, DomainEvents events,
            Cursors cursors, Ids ids, Clock clock, JsonMapper json, PlatformTransactionManager transactions) {
        this.metrics = metrics;
        this.queries = queries;
        this.actors = actors;
        this.audit = audit;
        this.events = events;
        this.cursors = cursors;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @Transactional(readOnly = true)
    public Page<MetricDefinition> list(int limit, String cursor) {
        Actor actor = actors.requireRole(Role.VIEWER);
        PageRequest page = PageRequest.of(limit, cursor);
        List<MetricDefinition> rows = metrics.list(actor.tenantId(), cursors.afterId(page, "id"), page.rowsToFetch());
        return cursors.pageById(rows, page, "id", MetricDefinition::id);
    }

    @Transactional(readOnly = true)
    public MetricDefinition get(UUID id) {
        Actor actor = actors.requireRole(Role.VIEWER);
        return metrics.find(actor.tenantId(), id, false).orElseThrow(() -> ApiException.notFound("Metric definition", id));
    }

    @Transactional
    public MetricDefinition create(NewMetricDefinition request) {
        Actor actor = actors.requireRole(Role.MEMBER);
        if (request == null) {
            throw ApiException.badRequest("The request body is required");
        }
        Instant now = clock.instant();
        MetricDefinition metric = new MetricDefinition(ids.next(), request.name(), request.displayName(), request.query(), request.format(),
                request.period(), actor.userId(), now, now);
        check(metric);
        if (!metrics.insert(actor.tenantId(), metric)) {
            throw ApiException.conflict("A metric definition named " + metric.name() + " already exists");
        }
        audit.record(AuditEntry.of("metric.created", "metric_definition", metric.id(), json.valueToTree(metric)));
        events.publish(h -> new MetricDefinitionCreated(h, metric));
        return metric;
    }

    /**
     * Changes the fields {@code patch} names ({@code name}, {@code displayName}, {@code query},
     * {@code format}, {@code period}); each replaces the stored one whole, and null clears the
     * optional ones.
     */
    @Transactional
    public MetricDefinition update(UUID id, JsonNode patch) {
        Actor actor = actors.requireRole(Role.MEMBER);
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("The patch is a JSON object of the fields to change");
        }
        for (String field : patch.propertyNames()) {
            if (!Set.of("name", "displayName", "query", "format", "period").contains(field)) {
                throw ApiException.badRequest(field + " cannot be changed; patch name, displayName, query, format or period", "/" + field);
            }
        }
        MetricDefinition before = metrics.find(actor.tenantId(), id, true).orElseThrow(() -> ApiException.notFound("Metric definition", id));
        ObjectNode merged = json.valueToTree(new NewMetricDefinition(before.name(), before.displayName(), before.query(), before.format(),
                before.period()));
        patch.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        NewMetricDefinition changed;
        try {
            changed = json.treeToValue(merged, NewMetricDefinition.class);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("The patch is not a valid metric definition: " + JsonProblems.describe(e));
        }
        MetricDefinition metric = new MetricDefinition(id, changed.name(), changed.displayName(), changed.query(), changed.format(),
                changed.period(), before.createdBy(), before.createdAt(), clock.instant());
        check(metric);
        if (!metrics.update(actor.tenantId(), metric)) {
            throw ApiException.conflict("A metric definition named " + metric.name() + " already exists");
        }
        audit.record(AuditEntry.of("metric.updated", "metric_definition", id, patch));
        events.publish(h -> new MetricDefinitionUpdated(h, metric, before));
        return metric;
    }

    @Transactional
    public void delete(UUID id) {
        Actor actor = actors.requireRole(Role.MEMBER);
        MetricDefinition metric = metrics.find(actor.tenantId(), id, true).orElseThrow(() -> ApiException.notFound("Metric definition", id));
        metrics.delete(actor.tenantId(), id);
        audit.record(AuditEntry.of("metric.deleted", "metric_definition", id, null));
        events.publish(h -> new MetricDefinitionDeleted(h, metric));
    }

    /**
     * The metric's value over its current period (or over all time when it has none) and, with
     * {@code compareTo=previousPeriod}, over the period before. Not one transaction: each query
     * waits for its analytics permit holding no database connection, then runs in its own.
     */
    public MetricValue value(UUID id, String compareTo) {
        if (compareTo != null && !compareTo.equals(PREVIOUS_PERIOD)) {
            throw ApiException.badRequest("compareTo takes previousPeriod", "/compareTo");
        }
        MetricDefinition metric = readOnly.execute(status -> get(id));
        if (compareTo != null && metric.period() == null) {
            throw ApiException.unprocessable("The metric has no period to compare with; give it one, e.g. {\"field\": \"closeDate\", \"last\": \"P1M\"}",
                    List.of(new FieldError("/compareTo", "the metric has no period")));
        }
        AggregationWindow current = null;
        AggregationWindow previous = null;
        if (metric.period() != null) {
            Period length = Period.parse(metric.period().last());
            ZoneId zone = ZoneId.of(metric.query().timezone() == null ? "UTC" : metric.query().timezone());
            LocalDate end = LocalDate.now(clock.withZone(zone)).plusDays(1);
            LocalDate start = end.minus(length);
            current = new AggregationWindow(metric.period().field(), start, end);
            previous = new AggregationWindow(metric.period().field(), start.minus(length), start);
        }
        Single now = single(metric, queries.query(metric.query(), current));
        Single before = compareTo == null ? null : single(metric, queries.query(metric.query(), previous));
        BigDecimal previousValue = before == null ? null : before.value();
        BigDecimal change = null;
        if (now.value() != null && previousValue != null && previousValue.signum() != 0) {
            change = now.value().subtract(previousValue).divide(previousValue.abs(), MathContext.DECIMAL64).stripTrailingZeros();
            change = change.scale() < 0 ? change.setScale(0) : change;
        }
        String currency = now.currency() != null ? now.currency() : before == null ? null : before.currency();
        return new MetricValue(now.value(), previousValue, change, currency, metric.format(),
                current == null ? null : new MetricValue.Range(current.start(), current.end()),
                compareTo == null ? null : new MetricValue.Range(previous.start(), previous.end()));
    }

    /** A metric query's one number, with the currency it is in for a money measure. */
    private record Single(BigDecimal value, String currency) {
    }

    private static Single single(MetricDefinition metric, AggregationResult result) {
        if (result.rows().size() > 1) {
            throw ApiException.unprocessable("The metric's query answers " + result.rows().size()
                    + " rows, one per currency; filter it on one currency (where currency:eq:EUR)",
                    List.of(new FieldError("/query/where", "filter the money field's currency")));
        }
        if (result.rows().isEmpty()) {
            return new Single(null, null);
        }
        List<Object> row = result.rows().get(0);
        boolean skipped = NUMERIC_FUNCTIONS.contains(metric.query().measures().get(0).fn());
        int measure = result.columns().size() - 1 - (skipped ? 1 : 0);
        Object value = row.get(measure);
        String currency = measure > 0 && row.get(0) != null ? row.get(0).toString() : null;
        return new Single(value == null ? null : new BigDecimal(value.toString()), currency);
    }

    /** Checks a definition: its fields here, its query (and period) by the aggregation engine. */
    private void check(MetricDefinition metric) {
        List<FieldError> errors = new ArrayList<>();
        if (metric.name() == null || !NAME.matcher(metric.name()).matches()) {
            errors.add(new FieldError("/name", "must match ^[a-z][a-z0-9_]{1,62}$"));
        }
        if (metric.displayName() == null || metric.displayName().isBlank() || metric.displayName().length() > 200) {
            errors.add(new FieldError("/displayName", "is required, at most 200 characters"));
        }
        if (metric.format() != null && !FORMATS.contains(metric.format()) && !CURRENCY_FORMAT.matcher(metric.format()).matches()) {
            errors.add(new FieldError("/format", "must be number, percent or currency:XXX (an ISO 4217 code)"));
        }
        AggregationQuery query = metric.query();
        if (query == null) {
            errors.add(new FieldError("/query", "is required"));
        } else {
            if (query.groupBy() != null && !query.groupBy().isEmpty()) {
                errors.add(new FieldError("/query/groupBy", "a metric is one number: no groupBy"));
            }
            if (query.measures() == null || query.measures().size() != 1) {
                errors.add(new FieldError("/query/measures", "a metric has exactly one measure"));
            }
        }
        if (metric.period() != null) {
            if (metric.period().field() == null) {
                errors.add(new FieldError("/period/field", "is required"));
            }
            try {
                Period length = Period.parse(String.valueOf(metric.period().last()));
                LocalDate today = LocalDate.of(2000, 1, 1);
                if (length.isNegative() || length.isZero() || today.plus(length).isAfter(today.plus(LONGEST_PERIOD))) {
                    errors.add(new FieldError("/period/last", "must be a positive period of at most 10 years"));
                }
            } catch (DateTimeException e) {
                errors.add(new FieldError("/period/last", "must be an ISO 8601 period such as P7D, P1M or P1Y"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("The metric definition is invalid", errors);
        }
        AggregationWindow window = metric.period() == null ? null
                : new AggregationWindow(metric.period().field(), LocalDate.EPOCH, LocalDate.EPOCH.plusDays(1));
        try {
            queries.check(query, window);
        } catch (ApiException e) {
            List<FieldError> within = e.errors().stream()
                    .map(err -> new FieldError(err.pointer().startsWith("/period") ? err.pointer() : "/query" + err.pointer(), err.message()))
                    .toList();
            throw new ApiException(e.status(), e.title(), e.getMessage(), within);
        }
    }
}
