package io.castiel.shard.internal;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.castiel.platform.ApiException;
import io.castiel.shard.AggregationGuard;
import io.castiel.shard.AggregationPlan;
import io.castiel.shard.AggregationResult;

/**
 * Runs an {@link AggregationStatement} under its guard: the statement timeout is set for the
 * transaction, the plan is made for the values at hand (as {@link ShardLists} does, since one
 * filter may match a tenth of a tenant and another one row), and the database's refusals are
 * turned into problems: a cancelled statement is a 503, a grouping beyond the group limit and a
 * value PostgreSQL cannot read a 422.
 */
@Repository
public class Aggregations {

    private static final Pattern ESTIMATED_ROWS = Pattern.compile("rows=(\\d+)");

    private final JdbcClient jdbc;

    Aggregations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public AggregationResult run(AggregationStatement statement, AggregationGuard guard) {
        prepare(guard);
        int width = statement.columns().size();
        long[] groups = {0};
        List<List<Object>> rows;
        try {
            rows = jdbc.sql(statement.sql()).params(statement.params()).query((rs, n) -> {
                groups[0] = rs.getLong(width + 1);
                List<Object> row = new ArrayList<>(width);
                for (int i = 1; i <= width; i++) {
                    row.add(plain(rs.getObject(i)));
                }
                return row;
            }).list();
        } catch (DataAccessException e) {
            throw refused(e, guard);
        }
        if (groups[0] > guard.maxGroups()) {
            throw AggregationStatement.unprocessable("The grouping yields " + groups[0] + " groups, more than the " + guard.maxGroups()
                    + " one query may answer; narrow it with where filters or coarser buckets", "/groupBy");
        }
        return new AggregationResult(statement.columns(), rows, groups[0] > statement.limit());
    }

    /** The plan PostgreSQL would follow ({@code EXPLAIN} without running it) and its estimate of the rows answered. */
    public AggregationPlan explain(AggregationStatement statement, AggregationGuard guard) {
        prepare(guard);
        List<String> lines;
        try {
            lines = jdbc.sql("explain " + statement.sql()).params(statement.params()).query(String.class).list();
        } catch (DataAccessException e) {
            throw refused(e, guard);
        }
        Matcher rows = ESTIMATED_ROWS.matcher(lines.isEmpty() ? "" : lines.get(0));
        return new AggregationPlan(String.join("\n", lines), rows.find() ? Long.parseLong(rows.group(1)) : 0);
    }

    private void prepare(AggregationGuard guard) {
        // PostgreSQL's default work_mem (4 MB) made grouping a tenth of a large tenant sort on disk
        // instead of hashing its few groups in memory.
        jdbc.sql("""
                select set_config('plan_cache_mode', 'force_custom_plan', true), set_config('statement_timeout', :timeout, true),
                       set_config('work_mem', :workMem, true)""")
                .param("timeout", Long.toString(Math.max(1, guard.statementTimeout().toMillis())))
                .param("workMem", Math.max(64, guard.workMemKilobytes()) + "kB")
                .query((rs, n) -> rs.getString(1)).single();
    }

    private static RuntimeException refused(DataAccessException e, AggregationGuard guard) {
        String state = sqlState(e);
        if ("57014".equals(state)) {
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Query too slow", "The aggregation ran longer than "
                    + guard.statementTimeout().toMillis() + " ms and was cancelled; narrow it with where filters or fewer groupings");
        }
        if (state != null && state.startsWith("22")) {
            return ApiException.unprocessable("A stored value or the time zone could not be read as the query needs it", List.of());
        }
        return e;
    }

    private static String sqlState(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** Numbers without PostgreSQL's trailing zeros (an average of whole numbers is not 2.5000000000000000). */
    private static Object plain(Object value) {
        if (value instanceof BigDecimal number) {
            BigDecimal stripped = number.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
        if (value instanceof UUID id) {
            return id.toString();
        }
        return value;
    }
}
