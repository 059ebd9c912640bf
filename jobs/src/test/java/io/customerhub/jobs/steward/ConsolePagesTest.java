package io.customerhub.jobs.steward;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.review.ReviewItem;
import io.customerhub.jobs.steward.ConsoleData.ClusterView;
import io.customerhub.jobs.steward.ConsoleData.RecordView;
import io.customerhub.jobs.table.RecordsTable;
import io.customerhub.matching.model.Waterfall;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console's pages from plain values: escaping, the side-by-side comparison, the waterfall. */
class ConsolePagesTest {

    private static final ConsolePages.Viewer VIEWER = new ConsolePages.Viewer("alice", "csrf-token-1");

    @Test
    void theItemPageEscapesValuesHighlightsDifferencesAndCarriesTheCsrfToken() {
        RecordView left = record("crm/C1", Map.of("given_name", "Marie", "family_name", "<script>alert(1)</script>", "email", "M@x.fr"),
                Map.of("std_given_name", "marie", "std_family_name", "scriptalert", "std_email", "m@x.fr"));
        RecordView right = record("web/W1", Map.of("given_name", "Mary", "family_name", "Dupont", "email", "m@x.fr"),
                Map.of("std_given_name", "mary", "std_family_name", "dupont", "std_email", "m@x.fr"));
        ReviewItem item = new ReviewItem("p-0123456789ab", "pair", 0.42, "open", "crm/C1", "web/W1", null, 0, 0.73, List.of("review_band"),
                null, "default-1", Map.of("crm/C1", "r1", "web/W1", "r1"), null, "r1");
        String html = ConsolePages.item(VIEWER, item, Map.of("crm/C1", left, "web/W1", right),
                List.of(new ClusterView("g-1", List.of(left)), new ClusterView("g-2", List.of(right))), List.of(), List.of(), waterfall(),
                Map.of(), null, null);

        assertThat(html).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(row(html, "given_name")).startsWith("<tr class=\"differs\"");
        assertThat(row(html, "email")).as("the same after normalisation").startsWith("<tr class=\"same\"");
        assertThat(row(html, "email")).contains("<span class=\"std\">m@x.fr</span>");
        assertThat(html).contains("name=\"csrf\" value=\"csrf-token-1\"", "id=\"decide-same\"", "id=\"decide-different\"", "golden g-1", "golden g-2");
        assertThat(html).doesNotContain(" disabled>");

        String stale = ConsolePages.item(VIEWER, item, Map.of("crm/C1", left, "web/W1", right), List.of(), List.of("web/W1: r1 -> r2"),
                List.of(), waterfall(), Map.of(), null, null);
        assertThat(stale).contains("id=\"stale\"", "web/W1: r1 -&gt; r2").contains("id=\"decide-same\" class=\"same\" disabled");
    }

    @Test
    void theWaterfallHasABarPerComparisonPlusPriorAndFinalScaledToTheWeights() {
        String svg = ConsolePages.waterfallSvg(waterfall());
        Matcher rects = Pattern.compile("<rect x=\"[^\"]+\" y=\"([^\"]+)\" width=\"\\d+\" height=\"([^\"]+)\" class=\"(\\w+)\"").matcher(svg);
        List<String> classes = new java.util.ArrayList<>();
        List<Double> heights = new java.util.ArrayList<>();
        while (rects.find()) {
            classes.add(rects.group(3));
            heights.add(Double.parseDouble(rects.group(2)));
        }
        assertThat(classes).containsExactly("total", "up", "down", "total");
        // prior -3, name +8, dob -2, final +3: heights proportional to |weight|.
        assertThat(heights.get(1) / heights.get(2)).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(heights.get(3) / heights.get(0)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(svg).contains(">name<", ">dob<", "final probability 0.8889", "+8.00", "-2.00");
    }

    @Test
    void theLoginAndErrorPagesEscapeWhatTheyShow() {
        assertThat(ConsolePages.login("t<1>", "Wrong <name>", false)).contains("value=\"t&lt;1&gt;\"", "Wrong &lt;name&gt;", "Password");
        assertThat(ConsolePages.login("t", null, true)).contains("Sign-in token");
        assertThat(ConsolePages.error(VIEWER, 404, "item '<x>' is not in the queue")).contains("Not found", "item &#39;&lt;x&gt;&#39;");
    }

    private static String row(String html, String field) {
        int at = html.indexOf("data-field=\"" + field + "\"");
        assertThat(at).as("row " + field).isPositive();
        int start = html.lastIndexOf("<tr", at);
        return html.substring(start, html.indexOf("</tr>", at));
    }

    private static Waterfall waterfall() {
        return new Waterfall("default-1", -3, List.of(
                new Waterfall.Bar("name", 0, "exact", 8, 0, 8, 5, 0.9, 0.01),
                new Waterfall.Bar("dob", 2, "different", -2, 0, -2, 3, 0.1, 0.4)), 3, 0.8889);
    }

    private static RecordView record(String key, Map<String, String> source, Map<String, String> std) {
        Map<String, String> values = new LinkedHashMap<>();
        RecordsTable.canonicalColumns().forEach(c -> values.put(c, source.get(c)));
        Map<String, String> normalised = new HashMap<>(std);
        String[] parts = key.split("/");
        return new RecordView(key, parts[0], parts[1], values, normalised, null, false, "r1");
    }
}
