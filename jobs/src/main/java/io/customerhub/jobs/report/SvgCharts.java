package io.customerhub.jobs.report;

import static io.customerhub.jobs.report.Html.escape;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Inline SVG charts drawn from numbers alone (no script, no network): horizontal stacked bars,
 * vertical stacked columns with optional log scale and markers, and diverging bars. Every bar
 * carries a tooltip with its exact value. All text is escaped.
 */
final class SvgCharts {

    static final int WIDTH = 760;
    private static final int LABEL_WIDTH = 230;
    /** About what fits in {@link #LABEL_WIDTH} at 12px. */
    private static final int LABEL_CHARS = 31;
    /** Up to this many columns, each gets its value written above it. */
    private static final int LABELLED_COLUMNS = 30;
    private static final int ROW_HEIGHT = 22;
    private static final String AXIS = "#777";

    /** A stacked part of every bar. */
    record Series(String name, String color) {
    }

    /** One bar: a value per series, in series order. */
    record Bar(String label, List<Double> values) {
        Bar {
            values = List.copyOf(values);
        }

        static Bar of(String label, double... values) {
            return new Bar(label, java.util.Arrays.stream(values).boxed().toList());
        }

        double total() {
            return values.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** A vertical line at a position measured in bars from the left edge of the first bar. */
    record Marker(double position, String label, String color) {
    }

    private SvgCharts() {
    }

    /** One row per bar, parts stacked left to right, the total written after the bar. */
    static String horizontalBars(String title, List<Series> series, List<Bar> bars, DoubleFunction<String> format) {
        int top = series.size() > 1 ? 44 : 26;
        int height = top + bars.size() * ROW_HEIGHT + 8;
        int plotWidth = WIDTH - LABEL_WIDTH - 90;
        double max = bars.stream().mapToDouble(Bar::total).max().orElse(0);
        StringBuilder svg = open(title, height);
        legend(svg, series, 22);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = top + i * ROW_HEIGHT;
            svg.append(text(LABEL_WIDTH - 8, y + 15, "end", "label", Html.shorten(bar.label(), LABEL_CHARS)));
            double x = LABEL_WIDTH;
            for (int s = 0; s < series.size(); s++) {
                double v = bar.values().get(s);
                double w = max == 0 ? 0 : plotWidth * v / max;
                if (w > 0) {
                    svg.append(rect(x, y + 3, w, ROW_HEIGHT - 6, series.get(s).color(),
                            bar.label() + " – " + series.get(s).name() + ": " + format.apply(v)));
                }
                x += w;
            }
            svg.append(text(x + 6, y + 15, "start", "value", format.apply(bar.total())));
        }
        svg.append(line(LABEL_WIDTH, top, LABEL_WIDTH, top + bars.size() * ROW_HEIGHT, AXIS, false));
        return svg.append("</svg>\n").toString();
    }

    /**
     * Vertical columns, parts stacked bottom up. On a log scale a column's height is log10(1 + total)
     * so that rare large values stay visible beside a dominant one; parts share it in proportion.
     */
    static String columns(String title, List<Series> series, List<Bar> bars, boolean logScale, String xTitle, String yTitle,
                          List<Marker> markers) {
        int left = 64;
        int right = 16;
        int top = (series.size() > 1 ? 44 : 26) + 14;
        int bottom = 56;
        int height = 320;
        int plotWidth = WIDTH - left - right;
        int plotHeight = height - top - bottom;
        double max = bars.stream().mapToDouble(Bar::total).max().orElse(0);
        double scaleMax = logScale ? Math.log10(1 + max) : niceCeiling(max);
        StringBuilder svg = open(title, height);
        legend(svg, series, 22);
        double slot = bars.isEmpty() ? plotWidth : (double) plotWidth / bars.size();
        int baseline = top + plotHeight;
        yAxis(svg, left, top, plotHeight, plotWidth, scaleMax, logScale, max);
        int labelEvery = Math.max(1, (int) Math.ceil(bars.size() / 16.0));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double x = left + i * slot;
            double total = bar.total();
            double scaled = scaleMax == 0 ? 0 : (logScale ? Math.log10(1 + total) : total) / scaleMax * plotHeight;
            double y = baseline;
            for (int s = 0; s < series.size(); s++) {
                double v = bar.values().get(s);
                double h = total == 0 ? 0 : scaled * v / total;
                if (h > 0) {
                    y -= h;
                    svg.append(rect(x + slot * 0.1, y, slot * 0.8, h, series.get(s).color(),
                            bar.label() + " – " + series.get(s).name() + ": " + number(v)));
                }
            }
            if (bars.size() <= LABELLED_COLUMNS && total > 0) {
                svg.append(text(x + slot / 2, baseline - scaled - 4, "middle", "tick", number(total)));
            }
            if (i % labelEvery == 0) {
                svg.append(text(x + slot / 2, baseline + 16, "middle", "tick", Html.shorten(bar.label(), 10)));
            }
        }
        for (int m = 0; m < markers.size(); m++) {
            Marker marker = markers.get(m);
            double x = left + marker.position() * slot;
            if (x >= left && x <= left + plotWidth) {
                svg.append(line(x, top - 4, x, baseline, marker.color(), true));
                // one line lower per marker: close thresholds keep readable labels
                svg.append(text(x + 3, top + 8 + 12 * m, "start", "marker", marker.label()));
            }
        }
        svg.append(line(left, baseline, left + plotWidth, baseline, AXIS, false));
        svg.append(text(left + plotWidth / 2.0, height - 12, "middle", "axis", xTitle));
        svg.append("<text class=\"axis\" transform=\"translate(14,").append(top + plotHeight / 2).append(") rotate(-90)\" text-anchor=\"middle\">")
                .append(escape(yTitle + (logScale ? " (log scale)" : ""))).append("</text>");
        return svg.append("</svg>\n").toString();
    }

    /** Bars left (negative) or right (positive) of a zero line, on a scale of ±{@code maxAbs}. */
    static String divergingBars(String title, List<Bar> bars, double maxAbs, DoubleFunction<String> format) {
        int top = 26;
        int height = top + bars.size() * ROW_HEIGHT + 8;
        int plotLeft = LABEL_WIDTH;
        int plotWidth = WIDTH - LABEL_WIDTH - 20;
        double zero = plotLeft + plotWidth / 2.0;
        double half = plotWidth / 2.0 - 40;
        StringBuilder svg = open(title, height);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double v = bar.values().get(0);
            int y = top + i * ROW_HEIGHT;
            double w = maxAbs == 0 ? 0 : half * Math.abs(v) / maxAbs;
            double x = v >= 0 ? zero : zero - w;
            svg.append(text(plotLeft - 8, y + 15, "end", "label", Html.shorten(bar.label(), LABEL_CHARS)));
            svg.append(rect(x, y + 3, Math.max(w, 0.5), ROW_HEIGHT - 6, v >= 0 ? "#2e7d32" : "#c62828", bar.label() + ": " + format.apply(v)));
            svg.append(v >= 0 ? text(x + w + 4, y + 15, "start", "value", format.apply(v))
                    : text(x - 4, y + 15, "end", "value", format.apply(v)));
        }
        svg.append(line(zero, top, zero, top + bars.size() * ROW_HEIGHT, AXIS, false));
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title, int height) {
        StringBuilder svg = new StringBuilder(2048);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">")
                .append("<title>").append(escape(title)).append("</title>")
                .append(text(4, 16, "start", "title", title));
        return svg;
    }

    private static void legend(StringBuilder svg, List<Series> series, int y) {
        if (series.size() < 2) {
            return;
        }
        double x = LABEL_WIDTH;
        for (Series s : series) {
            svg.append(rect(x, y + 4, 12, 12, s.color(), s.name()));
            svg.append(text(x + 16, y + 14, "start", "legend", s.name()));
            x += 26 + 7.5 * s.name().length();
        }
    }

    private static void yAxis(StringBuilder svg, int left, int top, int plotHeight, int plotWidth, double scaleMax, boolean logScale, double max) {
        svg.append(line(left, top, left, top + plotHeight, AXIS, false));
        if (scaleMax == 0) {
            return;
        }
        if (logScale) {
            for (long tick = 1; tick <= Math.max(1, max); tick *= 10) {
                tickLine(svg, left, plotWidth, top + plotHeight - Math.log10(1 + tick) / scaleMax * plotHeight, number(tick));
            }
        } else {
            for (int i = 1; i <= 4; i++) {
                double v = scaleMax * i / 4;
                tickLine(svg, left, plotWidth, top + plotHeight - v / scaleMax * plotHeight, number(v));
            }
        }
    }

    private static void tickLine(StringBuilder svg, int left, int plotWidth, double y, String label) {
        svg.append(line(left, y, left + plotWidth, y, "#e3e3e3", false));
        svg.append(text(left - 6, y + 4, "end", "tick", label));
    }

    /** The smallest 1, 2 or 5 x 10^k at or above {@code v}, so linear ticks fall on round numbers. */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 0;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Html.count((long) v) : String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String rect(double x, double y, double w, double h, String fill, String tooltip) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                x, y, w, h, escape(fill), escape(tooltip));
    }

    private static String text(double x, double y, String anchor, String cssClass, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">%s</text>", x, y, anchor, cssClass,
                escape(content));
    }

    private static String line(double x1, double y1, double x2, double y2, String stroke, boolean dashed) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>", x1, y1, x2, y2,
                escape(stroke), dashed ? " stroke-dasharray=\"4 3\"" : "");
    }
}
