package io.customerhub.jobs.steward;

import static io.customerhub.jobs.report.Html.escape;

import io.customerhub.jobs.review.ReviewItem;
import io.customerhub.jobs.steward.ConsoleData.ClusterView;
import io.customerhub.jobs.steward.ConsoleData.GoldenView;
import io.customerhub.jobs.steward.ConsoleData.RecordView;
import io.customerhub.jobs.table.StewardDecisions;
import io.customerhub.matching.model.Waterfall;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The console's HTML, rendered from plain values (no Spark here, so the pages are testable alone).
 * Every value is escaped; scripts and styles come from /assets so the Content-Security-Policy can
 * forbid inline code.
 */
final class ConsolePages {

    /** Canonical field -> the normalised column the comparisons read (a difference there is what matters). */
    static final Map<String, String> NORMALISED_OF = normalisedOf();

    /** What a page needs to know about who is looking. */
    record Viewer(String steward, String csrfToken) {
    }

    private ConsolePages() {
    }

    static String login(String csrf, String error, boolean tokenMode) {
        StringBuilder body = new StringBuilder("<main class=\"narrow\"><h1>Customer Hub steward console</h1>\n");
        if (error != null) {
            body.append("<p class=\"error\" id=\"login-error\">").append(escape(error)).append("</p>\n");
        }
        body.append("<form method=\"post\" action=\"/login\" id=\"login-form\">").append(csrfField(csrf))
                .append("<label>Steward name <input name=\"name\" id=\"name\" autocomplete=\"username\" required autofocus></label>\n")
                .append("<label>").append(tokenMode ? "Sign-in token (printed by <code>hub steward</code>)" : "Password")
                .append(" <input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\" required></label>\n")
                .append("<button type=\"submit\" id=\"sign-in\">Sign in</button></form></main>\n");
        return layout("Sign in", null, body.toString());
    }

    static String queue(Viewer viewer, List<ReviewItem> items, Map<String, Long> counts, String kind, String status, String sort,
                        int offset, String flash) {
        StringBuilder body = new StringBuilder("<main><h1>Review queue</h1>\n");
        flash(body, flash, null);
        body.append("<p class=\"counts\">");
        counts.forEach((s, n) -> body.append("<span class=\"pill ").append(escape(s)).append("\">").append(escape(s)).append(' ')
                .append(String.format(Locale.ROOT, "%,d", n)).append("</span> "));
        body.append("</p>\n<form method=\"get\" action=\"/queue\" class=\"filters\" id=\"filters\">")
                .append(select("kind", "Kind", kind, List.of("", "pair", "cluster"), List.of("pairs and clusters", "pairs", "clusters")))
                .append(select("status", "Status", status, List.of("open", "decided", "all"), List.of("open", "decided", "all")))
                .append(select("sort", "Sort", sort, List.of("priority", "probability", "run"),
                        List.of("most impactful first", "least probable first", "newest run first")))
                .append("<button type=\"submit\">Apply</button></form>\n");
        if (items.isEmpty()) {
            body.append("<p id=\"queue-empty\">Nothing to review here.</p>\n");
        } else {
            body.append("<table class=\"queue\" id=\"queue\"><thead><tr><th>Item</th><th>Kind</th><th>Priority</th><th>Status</th>")
                    .append("<th>Probability</th><th>About</th><th>Why queued</th></tr></thead><tbody>\n");
            for (ReviewItem item : items) {
                String about = item.isPair() ? item.leftKey() + " ~ " + item.rightKey()
                        : "golden " + item.goldenId() + " (" + item.clusterSize() + " records)";
                body.append("<tr class=\"").append(escape(item.status())).append("\"><td><a class=\"item-link\" href=\"/items/")
                        .append(url(item.itemId())).append("\">").append(escape(item.itemId())).append("</a></td><td>").append(escape(item.kind()))
                        .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.3f", item.priority())).append("</td><td>")
                        .append(escape(item.status())).append("</td><td class=\"num\">")
                        .append(item.probability() == null ? "" : String.format(Locale.ROOT, "%.4f", item.probability())).append("</td><td>")
                        .append(escape(about)).append("</td><td>").append(escape(String.join(", ", item.reasons()))).append("</td></tr>\n");
            }
            body.append("</tbody></table>\n");
            String base = "/queue?kind=" + url(Objects.toString(kind, "")) + "&status=" + url(status) + "&sort=" + url(sort) + "&offset=";
            body.append("<p class=\"pager\">");
            if (offset > 0) {
                body.append("<a href=\"").append(escape(base + Math.max(0, offset - ConsoleData.QUEUE_PAGE))).append("\">previous</a> ");
            }
            if (items.size() == ConsoleData.QUEUE_PAGE) {
                body.append("<a href=\"").append(escape(base + (offset + ConsoleData.QUEUE_PAGE))).append("\">next</a>");
            }
            body.append("</p>\n");
        }
        body.append("<p class=\"hint\">Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> opens, <kbd>/</kbd> search.</p></main>\n");
        return layout("Review queue", viewer, body.toString());
    }

    /** One item: the records side by side, the explanation, the clusters involved, the decision buttons. */
    static String item(Viewer viewer, ReviewItem item, Map<String, RecordView> records, List<ClusterView> clusters, List<String> changes,
                       List<StewardDecisions.Stored> decisions, Waterfall waterfall, Map<String, Object> clusterSignals, String flash,
                       String error) {
        StringBuilder body = new StringBuilder("<main><p><a href=\"/queue\">&larr; queue</a></p>\n");
        body.append("<h1>").append(item.isPair() ? "Are these the same person?" : "Is this cluster one person?").append("</h1>\n");
        body.append("<p class=\"meta\" id=\"item-meta\" data-item=\"").append(escape(item.itemId())).append("\" data-status=\"")
                .append(escape(item.status())).append("\">Item <code>").append(escape(item.itemId())).append("</code>, ")
                .append(escape(item.kind())).append(", <b>").append(escape(item.status())).append("</b>, priority ")
                .append(String.format(Locale.ROOT, "%.3f", item.priority())).append(", queued in run ").append(escape(item.runId()))
                .append(". Why: ").append(escape(String.join(", ", item.reasons()))).append("</p>\n");
        flash(body, flash, error);
        if (!changes.isEmpty()) {
            body.append("<p class=\"error\" id=\"stale\">Stale: records changed since this item was queued (")
                    .append(escape(String.join("; ", changes)))
                    .append("). A decision is refused until the queue is rebuilt (the next nightly run, or <code>hub review build</code>).</p>\n");
        }
        if (item.isPair()) {
            body.append("<h2>Field by field</h2>\n");
            comparison(body, records.get(item.leftKey()), records.get(item.rightKey()), item.leftKey(), item.rightKey());
            body.append("<h2>Why the model is unsure</h2>\n");
            if (waterfall == null) {
                body.append("<p>No explanation stored (model ").append(escape(item.modelVersion())).append(" is not in the models table).</p>\n");
            } else {
                body.append(waterfallSvg(waterfall)).append(waterfallTable(waterfall));
            }
        } else {
            body.append("<h2>Signals</h2>\n<ul class=\"signals\">");
            clusterSignals.forEach((k, v) -> body.append("<li>").append(escape(k)).append(": ").append(escape(String.valueOf(v))).append("</li>"));
            body.append("</ul>\n");
        }
        decisionForm(body, viewer, item, changes.isEmpty());
        body.append("<h2>").append(item.isPair() ? "The clusters these records are in now (a \"same\" joins them)" : "The cluster now")
                .append("</h2>\n");
        for (ClusterView cluster : clusters) {
            members(body, cluster, item.isPair() ? null : item);
        }
        body.append("<h2>Decisions on this item</h2>\n");
        if (decisions.isEmpty()) {
            body.append("<p id=\"no-decisions\">None yet.</p>\n");
        } else {
            body.append("<table class=\"decisions\" id=\"decisions\"><thead><tr><th>Decision</th><th>Answer</th><th>By</th><th>When</th><th>Reason</th>")
                    .append("<th>State</th><th></th></tr></thead><tbody>\n");
            for (StewardDecisions.Stored d : decisions) {
                body.append("<tr><td><code>").append(escape(d.decisionId())).append("</code></td><td>").append(escape(d.action())).append("</td><td>")
                        .append(escape(d.steward())).append("</td><td>").append(escape(String.valueOf(d.decidedAt()))).append("</td><td>")
                        .append(escape(d.reason())).append("</td><td>")
                        .append(d.undoneAt() == null ? "active" : "undone by " + escape(d.undoneBy()) + " at " + escape(String.valueOf(d.undoneAt())))
                        .append("</td><td>");
                if (d.undoneAt() == null) {
                    body.append("<form method=\"post\" action=\"/decisions/").append(url(d.decisionId())).append("/undo\">")
                            .append(csrfField(viewer.csrfToken())).append("<button type=\"submit\" class=\"undo\" id=\"undo-")
                            .append(escape(d.decisionId())).append("\">Undo</button></form>");
                }
                body.append("</td></tr>\n");
            }
            body.append("</tbody></table>\n");
        }
        body.append("</main>\n");
        return layout("Item " + item.itemId(), viewer, body.toString());
    }

    static String search(Viewer viewer, String query, List<RecordView> results, String error) {
        StringBuilder body = new StringBuilder("<main><h1>Find a customer</h1>\n");
        body.append("<form method=\"post\" action=\"/search\" id=\"search-form\">").append(csrfField(viewer.csrfToken()))
                .append("<input name=\"q\" id=\"q\" size=\"40\" placeholder=\"name, e-mail, phone, golden id or SOURCE:ID\" value=\"")
                .append(escape(Objects.toString(query, ""))).append("\" autofocus> <button type=\"submit\" id=\"search\">Search</button></form>\n")
                .append("<p class=\"hint\">Searches are sent in the request body, so customer details stay out of URLs and server logs.</p>\n");
        flash(body, null, error);
        if (query != null && error == null) {
            if (results.isEmpty()) {
                body.append("<p id=\"no-results\">No record matches.</p>\n");
            } else {
                body.append("<table id=\"results\"><thead><tr><th>Golden id</th><th>Record</th><th>Name</th><th>Born</th><th>E-mail</th>")
                        .append("<th>Postcode</th><th>City</th></tr></thead><tbody>\n");
                for (RecordView r : results) {
                    body.append("<tr><td>").append(goldenLink(r.goldenId())).append("</td><td>").append(escape(r.key()))
                            .append(r.retired() ? " (retired)" : "").append("</td><td>").append(escape(r.displayName())).append("</td><td>")
                            .append(escape(r.value("date_of_birth"))).append("</td><td>").append(escape(r.value("email"))).append("</td><td>")
                            .append(escape(r.value("postcode"))).append("</td><td>").append(escape(r.value("city"))).append("</td></tr>\n");
                }
                body.append("</tbody></table>\n");
                if (results.size() == ConsoleData.SEARCH_LIMIT) {
                    body.append("<p class=\"hint\">The first ").append(ConsoleData.SEARCH_LIMIT).append(" matches; add words to narrow the search.</p>\n");
                }
            }
        }
        body.append("</main>\n");
        return layout("Find a customer", viewer, body.toString());
    }

    static String golden(Viewer viewer, GoldenView golden) {
        StringBuilder body = new StringBuilder("<main><h1>Golden record <code id=\"golden-id\">").append(escape(golden.goldenId())).append("</code></h1>\n");
        if (!golden.goldenId().equals(golden.requestedId())) {
            body.append("<p class=\"flash\" id=\"redirected\">").append(escape(golden.requestedId()))
                    .append(" was retired; this is its successor.</p>\n");
        }
        body.append("<table class=\"golden\" id=\"golden\"><tbody>\n");
        golden.fields().forEach((k, v) -> body.append("<tr><th>").append(escape(k)).append("</th><td>")
                .append(escape(v).replace("\n", "<br>")).append("</td></tr>\n"));
        body.append("</tbody></table>\n<h2>Source records</h2>\n");
        members(body, new ClusterView(golden.goldenId(), golden.sources()), null);
        body.append("<h2>Id history</h2>\n");
        rows(body, "id-history", golden.idEvents(), "No merge, split or retirement touched this id.");
        body.append("<h2>Versions of this golden record</h2>\n");
        rows(body, "changes", golden.changes(), "No change recorded.");
        body.append("</main>\n");
        return layout("Golden " + golden.goldenId(), viewer, body.toString());
    }

    static String error(Viewer viewer, int status, String message) {
        String title = status == 404 ? "Not found" : status == 409 ? "Conflict" : status == 403 ? "Forbidden" : "Error";
        return layout(title, viewer, "<main><h1>" + title + "</h1><pre class=\"error\" id=\"error\">" + escape(message)
                + "</pre><p><a href=\"/queue\">Back to the queue</a></p></main>\n");
    }

    /** The explanation as a waterfall: the prior, each comparison's weight (bits) as a floating bar, the final weight. */
    static String waterfallSvg(Waterfall w) {
        List<String> labels = new ArrayList<>();
        List<double[]> spans = new ArrayList<>();
        labels.add("prior");
        spans.add(new double[] {0, w.prior()});
        for (Waterfall.Bar b : w.bars()) {
            labels.add(b.comparison());
            spans.add(new double[] {b.cumulative() - b.weight(), b.cumulative()});
        }
        labels.add("final");
        spans.add(new double[] {0, w.matchWeight()});
        double lo = 0;
        double hi = 0;
        for (double[] s : spans) {
            lo = Math.min(lo, Math.min(s[0], s[1]));
            hi = Math.max(hi, Math.max(s[0], s[1]));
        }
        double floor = Math.floor(lo) - 1;
        double ceiling = Math.ceil(hi) + 1;
        int barWidth = 46;
        int left = 44;
        int top = 24;
        int plot = 220;
        int width = left + labels.size() * (barWidth + 10) + 10;
        int height = top + plot + 110;
        double scale = plot / (ceiling - floor);
        java.util.function.DoubleUnaryOperator y = v -> top + (ceiling - v) * scale;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg id=\"waterfall\" class=\"waterfall\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">",
                width, height, width, height));
        svg.append("<title>Match weight waterfall: final probability ").append(String.format(Locale.ROOT, "%.4f", w.probability())).append("</title>");
        double step = niceStep(ceiling - floor);
        for (double t = Math.ceil(floor / step) * step; t <= ceiling; t += step) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid%s\"/>", left, width - 6,
                    y.applyAsDouble(t), y.applyAsDouble(t), t == 0 ? " zero" : ""));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>", left - 4,
                    y.applyAsDouble(t) + 4, number(t)));
        }
        for (int i = 0; i < labels.size(); i++) {
            double[] s = spans.get(i);
            double x = left + 6 + i * (barWidth + 10);
            double a = y.applyAsDouble(Math.max(s[0], s[1]));
            double b = y.applyAsDouble(Math.min(s[0], s[1]));
            double delta = s[1] - s[0];
            String cls = i == 0 || i == labels.size() - 1 ? "total" : delta >= 0 ? "up" : "down";
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" class=\"%s\"><title>%s: %s bits</title></rect>",
                    x, a, barWidth, Math.max(1, b - a), cls, escape(labels.get(i)), number(delta)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"value\" text-anchor=\"middle\">%s</text>", x + barWidth / 2.0,
                    a - 4, (delta > 0 && cls.equals("up") ? "+" : "") + number(delta)));
            svg.append(String.format(Locale.ROOT, "<text transform=\"translate(%.1f,%d) rotate(-40)\" class=\"label\" text-anchor=\"end\">%s</text>",
                    x + barWidth / 2.0 + 4, top + plot + 14, escape(labels.get(i))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" class=\"caption\">bits of evidence (log2 Bayes factor); final probability %.4f</text>",
                left, w.probability()));
        return svg.append("</svg>\n").toString();
    }

    private static String waterfallTable(Waterfall w) {
        StringBuilder t = new StringBuilder("<table class=\"weights\" id=\"weights\"><thead><tr><th>Comparison</th><th>Level reached</th>")
                .append("<th>Weight</th><th>Term-frequency adj.</th><th>Running total</th></tr></thead><tbody>\n");
        t.append("<tr><td>prior</td><td></td><td class=\"num\">").append(number(w.prior())).append("</td><td></td><td class=\"num\">")
                .append(number(w.prior())).append("</td></tr>\n");
        for (Waterfall.Bar b : w.bars()) {
            t.append("<tr><td>").append(escape(b.comparison())).append("</td><td>").append(escape(b.label())).append("</td><td class=\"num ")
                    .append(b.weight() >= 0 ? "up" : "down").append("\">").append(number(b.weight())).append("</td><td class=\"num\">")
                    .append(b.tfAdjustment() == 0 ? "" : number(b.tfAdjustment())).append("</td><td class=\"num\">").append(number(b.cumulative()))
                    .append("</td></tr>\n");
        }
        t.append(String.format(Locale.ROOT, "<tr class=\"total\"><td>final</td><td>probability %.4f</td><td class=\"num\">%s</td><td></td><td></td></tr>",
                w.probability(), number(w.matchWeight())));
        return t.append("</tbody></table>\n").toString();
    }

    private static void comparison(StringBuilder body, RecordView left, RecordView right, String leftKey, String rightKey) {
        body.append("<table class=\"compare\" id=\"compare\"><thead><tr><th>Field</th><th>").append(escape(leftKey))
                .append(left == null ? " (gone)" : left.retired() ? " (retired)" : "").append("</th><th>").append(escape(rightKey))
                .append(right == null ? " (gone)" : right.retired() ? " (retired)" : "").append("</th></tr></thead><tbody>\n");
        Map<String, String> fields = new LinkedHashMap<>();
        io.customerhub.jobs.table.RecordsTable.canonicalColumns().forEach(k -> fields.put(k, NORMALISED_OF.get(k)));
        fields.forEach((field, std) -> {
            String l = left == null ? null : left.sourceValues().get(field);
            String r = right == null ? null : right.sourceValues().get(field);
            if (l == null && r == null) {
                return;
            }
            String ln = left == null || std == null ? null : left.normalisedValues().get(std);
            String rn = right == null || std == null ? null : right.normalisedValues().get(std);
            String state;
            if (l == null || r == null) {
                state = "missing";
            } else if (std != null && ln != null && rn != null) {
                state = ln.equals(rn) ? "same" : "differs";
            } else {
                state = l.strip().equalsIgnoreCase(r.strip()) ? "same" : "differs";
            }
            body.append("<tr class=\"").append(state).append("\" data-field=\"").append(escape(field)).append("\"><th>").append(escape(field))
                    .append("</th><td>").append(cell(l, ln)).append("</td><td>").append(cell(r, rn)).append("</td></tr>\n");
        });
        body.append("</tbody></table>\n<p class=\"hint\">Rows in <span class=\"differs\">red</span> differ after normalisation; ")
                .append("grey text is the normalised value the comparisons read, shown where it differs from what the source sent.</p>\n");
    }

    private static String cell(String raw, String normalised) {
        if (raw == null) {
            return "<span class=\"none\">&ndash;</span>";
        }
        String out = escape(raw);
        if (normalised != null && !normalised.equals(raw)) {
            out += "<br><span class=\"std\">" + escape(normalised) + "</span>";
        }
        return out;
    }

    private static void decisionForm(StringBuilder body, Viewer viewer, ReviewItem item, boolean current) {
        body.append("<h2>Your decision</h2>\n<form method=\"post\" action=\"/items/").append(url(item.itemId()))
                .append("/decide\" id=\"decide-form\" class=\"decide\">").append(csrfField(viewer.csrfToken()))
                .append("<label>Reason (kept with the decision) <input name=\"reason\" id=\"reason\" size=\"60\" maxlength=\"500\" required></label>\n<p>");
        String disabled = current ? "" : " disabled";
        if (item.isPair()) {
            body.append("<button type=\"submit\" name=\"answer\" value=\"SAME\" id=\"decide-same\" class=\"same\"").append(disabled)
                    .append(">Same person <kbd>s</kbd></button> ")
                    .append("<button type=\"submit\" name=\"answer\" value=\"DIFFERENT\" id=\"decide-different\" class=\"different\"").append(disabled)
                    .append(">Not the same <kbd>d</kbd></button>");
        } else {
            body.append("<button type=\"submit\" name=\"answer\" value=\"SAME\" id=\"decide-same\" class=\"same\"").append(disabled)
                    .append(">All one person <kbd>s</kbd></button> <span class=\"hint\">or remove a record with its button below</span>");
        }
        body.append(" <a href=\"/items/").append(url(item.itemId())).append("/next\" id=\"skip\">Skip <kbd>n</kbd></a></p></form>\n");
    }

    private static void members(StringBuilder body, ClusterView cluster, ReviewItem removable) {
        body.append("<table class=\"members\" data-golden=\"").append(escape(cluster.goldenId())).append("\"><caption>")
                .append(goldenLink(cluster.goldenId())).append(", ").append(cluster.members().size())
                .append(cluster.members().size() == 1 ? " record" : " records").append("</caption><thead><tr><th>Record</th><th>Name</th><th>Born</th>")
                .append("<th>E-mail</th><th>Phone</th><th>Postcode</th><th>City</th><th>Customer numbers</th>")
                .append(removable == null ? "" : "<th></th>").append("</tr></thead><tbody>\n");
        for (RecordView r : cluster.members()) {
            body.append("<tr><td>").append(escape(r.key())).append(r.retired() ? " (retired)" : "").append("</td><td>").append(escape(r.displayName()))
                    .append("</td><td>").append(escape(r.value("date_of_birth"))).append("</td><td>").append(escape(r.value("email")))
                    .append("</td><td>").append(escape(Objects.toString(r.value("phone"), Objects.toString(r.value("mobile_phone"), ""))))
                    .append("</td><td>").append(escape(r.value("postcode"))).append("</td><td>").append(escape(r.value("city"))).append("</td><td>")
                    .append(escape(r.normalisedValues().get("customer_numbers"))).append("</td>");
            if (removable != null) {
                body.append("<td>");
                if (removable.recordVersions().containsKey(r.key())) {
                    body.append("<button type=\"submit\" form=\"decide-form\" name=\"remove\" value=\"").append(escape(r.key()))
                            .append("\" class=\"remove\" data-record=\"").append(escape(r.key())).append("\">Remove from cluster</button>");
                }
                body.append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody></table>\n");
    }

    private static void rows(StringBuilder body, String id, List<Map<String, String>> rows, String none) {
        if (rows.isEmpty()) {
            body.append("<p>").append(escape(none)).append("</p>\n");
            return;
        }
        body.append("<table id=\"").append(id).append("\"><thead><tr>");
        rows.get(0).keySet().forEach(k -> body.append("<th>").append(escape(k)).append("</th>"));
        body.append("</tr></thead><tbody>\n");
        for (Map<String, String> row : rows) {
            body.append("<tr>");
            row.values().forEach(v -> body.append("<td>").append(escape(v)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</tbody></table>\n");
    }

    private static void flash(StringBuilder body, String flash, String error) {
        if (flash != null) {
            body.append("<p class=\"flash\" id=\"flash\">").append(escape(flash)).append("</p>\n");
        }
        if (error != null) {
            body.append("<pre class=\"error\" id=\"error\">").append(escape(error)).append("</pre>\n");
        }
    }

    private static String goldenLink(String goldenId) {
        return goldenId == null ? "<span class=\"none\">no golden id yet</span>"
                : "<a href=\"/golden/" + url(goldenId) + "\">golden " + escape(goldenId) + "</a>";
    }

    private static String select(String name, String label, String current, List<String> values, List<String> texts) {
        StringBuilder s = new StringBuilder("<label>").append(label).append(" <select name=\"").append(name).append("\" id=\"").append(name).append("\">");
        for (int i = 0; i < values.size(); i++) {
            s.append("<option value=\"").append(escape(values.get(i))).append('"')
                    .append(values.get(i).equals(Objects.toString(current, "")) ? " selected" : "").append('>').append(escape(texts.get(i))).append("</option>");
        }
        return s.append("</select></label> ").toString();
    }

    static String csrfField(String csrf) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(csrf) + "\">";
    }

    private static String layout(String title, Viewer viewer, String body) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append(" - Customer Hub</title>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<link rel=\"stylesheet\" href=\"/assets/console.css\"><script src=\"/assets/console.js\" defer></script></head><body>\n");
        if (viewer != null) {
            page.append("<header><a href=\"/queue\" class=\"brand\">Customer Hub</a> <a href=\"/queue\">Queue</a> <a href=\"/search\">Search</a>")
                    .append("<span class=\"who\">signed in as <b id=\"steward\">").append(escape(viewer.steward())).append("</b> ")
                    .append("<form method=\"post\" action=\"/logout\" class=\"inline\">").append(csrfField(viewer.csrfToken()))
                    .append("<button type=\"submit\" id=\"sign-out\">Sign out</button></form></span></header>\n");
        }
        return page.append(body).append("</body></html>\n").toString();
    }

    private static String url(String text) {
        return URLEncoder.encode(Objects.toString(text, ""), StandardCharsets.UTF_8);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static double niceStep(double range) {
        double raw = range / 6;
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * pow >= raw) {
                return m * pow;
            }
        }
        return 10 * pow;
    }

    private static Map<String, String> normalisedOf() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("given_name", "std_given_name");
        m.put("family_name", "std_family_name");
        m.put("birth_name", "std_birth_name");
        m.put("date_of_birth", "std_date_of_birth");
        m.put("gender", "std_gender");
        m.put("email", "std_email");
        m.put("phone", "std_phone");
        m.put("mobile_phone", "std_mobile_phone");
        m.put("address_line1", "std_address_line");
        m.put("house_number", "std_house_number");
        m.put("postcode", "std_postcode");
        m.put("city", "std_city");
        m.put("country", "std_country");
        m.put("customer_number", "customer_numbers");
        return Map.copyOf(m);
    }
}
