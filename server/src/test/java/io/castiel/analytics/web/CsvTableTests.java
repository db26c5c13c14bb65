package io.castiel.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.castiel.shard.AggregationResult;

/** RFC 4180 quoting, formula escaping and the Accept negotiation of the analytics CSV, without a server. */
class CsvTableTests {

    @Test
    void textThatASpreadsheetWouldRunIsPrefixedWithAQuote() {
        assertThat(CsvTable.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvTable.cell("+33 1 23")).isEqualTo("'+33 1 23");
        assertThat(CsvTable.cell("-x")).isEqualTo("'-x");
        assertThat(CsvTable.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvTable.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvTable.cell("plain")).isEqualTo("plain");
        assertThat(CsvTable.cell("a=b")).isEqualTo("a=b");
    }

    @Test
    void numbersBooleansAndNullsAreWrittenAsData() {
        assertThat(CsvTable.cell(new BigDecimal("-12.50"))).isEqualTo("-12.50");
        assertThat(CsvTable.cell(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(CsvTable.cell(-3L)).isEqualTo("-3");
        assertThat(CsvTable.cell(true)).isEqualTo("true");
        assertThat(CsvTable.cell(null)).isEmpty();
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuoted() throws IOException {
        AggregationResult result = new AggregationResult(List.of(new AggregationResult.Column("name", "string"),
                new AggregationResult.Column("n", "integer")), List.of(Arrays.asList("say \"hi\", twice", 1L), Arrays.asList("a\r\nb", null),
                        Arrays.asList("=\"x\"", 2L)), false);
        StringWriter out = new StringWriter();

        CsvTable.write(result, out);

        assertThat(out.toString()).isEqualTo("name,n\r\n\"say \"\"hi\"\", twice\",1\r\n\"a\r\nb\",\r\n\"'=\"\"x\"\"\",2\r\n");
    }

    @Test
    void csvIsChosenOnlyWhenAskedForByNameAboveJson() {
        assertThat(AnalyticsController.prefersCsv("text/csv")).isTrue();
        assertThat(AnalyticsController.prefersCsv("text/csv, */*;q=0.1")).isTrue();
        assertThat(AnalyticsController.prefersCsv("application/json;q=0.5, text/csv")).isTrue();
        assertThat(AnalyticsController.prefersCsv("application/json, text/csv")).isFalse();
        assertThat(AnalyticsController.prefersCsv("*/*")).isFalse();
        assertThat(AnalyticsController.prefersCsv(null)).isFalse();
        assertThat(AnalyticsController.prefersCsv("not a media type;;")).isFalse();
    }
}
