package io.castiel.analytics.web;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

import io.castiel.shard.AggregationResult;

/**
 * An aggregation result as RFC 4180 CSV: a header row of column names, CRLF line ends, fields
 * quoted when they hold a comma, quote or line break (quotes doubled). A text cell that a
 * spreadsheet would run as a formula (starting with {@code =}, {@code +}, {@code -}, {@code @},
 * tab or carriage return) gets a leading {@code '}, as OWASP advises; numbers are written as
 * numbers, since a negative one is data, not a formula.
 */
final class CsvTable {

    private CsvTable() {
    }

    static void write(AggregationResult result, Writer out) throws IOException {
        List<String> names = result.columns().stream().map(AggregationResult.Column::name).toList();
        line(names.stream().<Object>map(n -> n).toList(), out);
        for (List<Object> row : result.rows()) {
            line(row, out);
        }
        out.flush();
    }

    private static void line(List<Object> cells, Writer out) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** One field: empty for null, numbers and booleans as they are, text escaped and quoted as needed. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
