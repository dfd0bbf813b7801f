package io.camelitwin.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The alert signals over a recorded run, drawn with Java2D as {@link RateChart} is: one panel per signal, a line per
 * series, a shaded span for the injected faults. Reads the samples of /q/metrics that docs/benchmarks/chaos-metrics.py
 * recorded once a second ({@code <seconds> <series> <value>}) and turns counters into rates per second.
 *
 * <pre>java -cp target/test-classes io.camelitwin.benchmark.MetricsChart samples.txt chart.png 30 90</pre>
 */
public final class MetricsChart {

    private static final Color[] COLORS = {
        new Color(0x4c72b0), new Color(0xc44e52), new Color(0xdd8452), new Color(0x55a868), new Color(0x8172b3)
    };
    private static final int WIDTH = 1000;
    private static final int PANEL_HEIGHT = 200;
    private static final int LEFT = 60;
    private static final int RIGHT = 190;
    private static final int TITLE = 40;

    /** One line: its legend and its value at each sampled second. */
    record Line(String label, TreeMap<Double, Double> points) {}

    record Panel(String title, String unit, List<Line> lines) {}

    private MetricsChart() {}

    public static void main(String[] args) throws Exception {
        Samples samples = Samples.read(Path.of(args[0]));
        double faultsFrom = Double.parseDouble(args[2]);
        double faultsTo = Double.parseDouble(args[3]);
        List<Panel> panels = List.of(
                new Panel(
                        "Platform answers (itwin_client_responses_total by status)",
                        "answers/s",
                        List.of(
                                samples.rate(
                                        "2xx",
                                        s -> s.startsWith("itwin_client_responses_total") && s.contains("status=\"2")),
                                samples.rate(
                                        "429",
                                        s -> s.startsWith("itwin_client_responses_total")
                                                && s.contains("status=\"429")),
                                samples.rate(
                                        "5xx",
                                        s -> s.startsWith("itwin_client_responses_total")
                                                && s.contains("status=\"5")))),
                new Panel(
                        "Pace: wait per request for the rate budget (limiter_wait sum / count)",
                        "seconds",
                        List.of(samples.ratio(
                                "average wait",
                                s -> s.equals("itwin_client_limiter_wait_seconds_sum"),
                                s -> s.equals("itwin_client_limiter_wait_seconds_count")))),
                new Panel(
                        "Change sync and dead letters",
                        "per second",
                        List.of(
                                samples.rate("changes delivered", s -> s.startsWith("itwin_changes_emitted_total")),
                                samples.rate(
                                        "list requests answered 2xx",
                                        s -> s.startsWith(
                                                "itwin_client_responses_total{operation=\"listITwins\",status=\"2")),
                                samples.rate("dead letters", s -> s.startsWith("itwin_dead_letters_total")))));
        write(
                Path.of(args[1]),
                "Alert signals during a recorded chaos run (faults from " + (int) faultsFrom + " s to " + (int) faultsTo
                        + " s: 30% 429, 10% 503)",
                panels,
                faultsFrom,
                faultsTo);
    }

    static void write(Path file, String title, List<Panel> panels, double faultsFrom, double faultsTo)
            throws Exception {
        double end = panels.stream()
                .flatMap(p -> p.lines().stream())
                .mapToDouble(l -> l.points().isEmpty() ? 0 : l.points().lastKey())
                .max()
                .orElse(1);
        ChartCanvas.write(file, WIDTH, TITLE + PANEL_HEIGHT * panels.size(), title, g -> {
            for (int i = 0; i < panels.size(); i++) {
                drawPanel(g, panels.get(i), TITLE + i * PANEL_HEIGHT, end, faultsFrom, faultsTo);
            }
        });
    }

    private static void drawPanel(Graphics2D g, Panel panel, int top, double end, double faultsFrom, double faultsTo) {
        int plotTop = top + 30;
        int baseline = top + PANEL_HEIGHT - 35;
        int plotWidth = WIDTH - LEFT - RIGHT;
        double max = panel.lines().stream()
                .flatMap(l -> l.points().values().stream())
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(1);
        double scale = max <= 0 ? 1 : max * 1.1;
        Function<Double, Integer> x = seconds -> LEFT + (int) Math.round(seconds / end * plotWidth);
        Function<Double, Integer> y = value -> baseline - (int) Math.round(value / scale * (baseline - plotTop));

        g.setColor(new Color(0xf2dede));
        g.fillRect(x.apply(faultsFrom), plotTop, x.apply(faultsTo) - x.apply(faultsFrom), baseline - plotTop);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(panel.title(), LEFT, top + 16);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawLine(LEFT, baseline, LEFT + plotWidth, baseline);
        g.drawLine(LEFT, plotTop, LEFT, baseline);
        g.drawString(panel.unit(), 5, plotTop - 6);
        for (double tick : List.of(0.0, scale / 2, scale)) {
            g.drawString(String.format(Locale.ROOT, "%.1f", tick), 8, y.apply(tick) + 4);
        }
        for (int s = 0; s <= end; s += 10) {
            g.drawLine(x.apply((double) s), baseline, x.apply((double) s), baseline + 4);
            g.drawString(s + " s", x.apply((double) s) - 8, baseline + 17);
        }
        g.setStroke(new BasicStroke(1.8f));
        for (int i = 0; i < panel.lines().size(); i++) {
            Line line = panel.lines().get(i);
            g.setColor(COLORS[i % COLORS.length]);
            Map.Entry<Double, Double> previous = null;
            for (Map.Entry<Double, Double> point : line.points().entrySet()) {
                if (previous != null) {
                    g.drawLine(
                            x.apply(previous.getKey()),
                            y.apply(previous.getValue()),
                            x.apply(point.getKey()),
                            y.apply(point.getValue()));
                }
                previous = point;
            }
            g.fillRect(LEFT + plotWidth + 15, plotTop + 16 * i, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(line.label(), LEFT + plotWidth + 30, plotTop + 16 * i + 10);
        }
        g.setStroke(new BasicStroke(1));
    }

    /** Every sampled series by its full name (with labels), its values by the second they were read at. */
    private record Samples(Map<String, TreeMap<Double, Double>> series) {

        static Samples read(Path file) throws IOException {
            Map<String, TreeMap<Double, Double>> series = new TreeMap<>();
            for (String sample : Files.readAllLines(file)) {
                String[] parts = sample.split(" ");
                series.computeIfAbsent(parts[1], name -> new TreeMap<>())
                        .put(Double.parseDouble(parts[0]), Double.parseDouble(parts[2]));
            }
            return new Samples(series);
        }

        /** The summed counters' increase per second between two samples. */
        Line rate(String label, java.util.function.Predicate<String> selected) {
            TreeMap<Double, Double> sum = summed(selected);
            TreeMap<Double, Double> rate = new TreeMap<>();
            Map.Entry<Double, Double> previous = null;
            for (Map.Entry<Double, Double> point : sum.entrySet()) {
                if (previous != null) {
                    rate.put(
                            point.getKey(),
                            (point.getValue() - previous.getValue()) / (point.getKey() - previous.getKey()));
                }
                previous = point;
            }
            return new Line(label, smoothed(rate));
        }

        /** The increase of one counter over the increase of another, over the last five seconds. */
        Line ratio(
                String label,
                java.util.function.Predicate<String> numerator,
                java.util.function.Predicate<String> denominator) {
            TreeMap<Double, Double> top = summed(numerator);
            TreeMap<Double, Double> bottom = summed(denominator);
            TreeMap<Double, Double> ratio = new TreeMap<>();
            List<Double> times = new ArrayList<>(top.keySet());
            for (int i = 5; i < times.size(); i++) {
                double now = times.get(i);
                double before = times.get(i - 5);
                double count = bottom.getOrDefault(now, 0.0) - bottom.getOrDefault(before, 0.0);
                ratio.put(now, count > 0 ? (top.get(now) - top.get(before)) / count : 0);
            }
            return new Line(label, ratio);
        }

        private TreeMap<Double, Double> summed(java.util.function.Predicate<String> selected) {
            TreeMap<Double, Double> sum = new TreeMap<>();
            series.forEach((name, values) -> {
                if (selected.test(name)) {
                    values.forEach((time, value) -> sum.merge(time, value, Double::sum));
                }
            });
            // a series that appears later (its first 429) counts as 0 before
            series.values().stream().findFirst().ifPresent(any -> any.keySet().forEach(t -> sum.putIfAbsent(t, 0.0)));
            return sum;
        }

        /** A moving mean over five samples: one a second is too ragged to read. */
        private static TreeMap<Double, Double> smoothed(TreeMap<Double, Double> values) {
            TreeMap<Double, Double> smoothed = new TreeMap<>();
            List<Map.Entry<Double, Double>> entries = new ArrayList<>(values.entrySet());
            for (int i = 0; i < entries.size(); i++) {
                int from = Math.max(0, i - 4);
                double mean = entries.subList(from, i + 1).stream()
                        .mapToDouble(Map.Entry::getValue)
                        .average()
                        .orElse(0);
                smoothed.put(entries.get(i).getKey(), mean);
            }
            return smoothed;
        }
    }
}
