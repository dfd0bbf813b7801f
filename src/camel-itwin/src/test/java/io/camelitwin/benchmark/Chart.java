package io.camelitwin.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A small bar chart drawn with Java2D: one panel per figure, one bar per variant, median with the rounds' range. */
final class Chart {

    /** One bar: its median and the lowest and highest round. */
    record Bar(String label, double median, double min, double max) {}

    /** One panel of bars sharing a scale. */
    record Panel(String title, String unit, List<Bar> bars) {}

    private static final Color[] COLORS = {new Color(0x4c72b0), new Color(0xdd8452), new Color(0x55a868)};
    private static final int PANEL_WIDTH = 330;
    private static final int HEIGHT = 420;
    private static final int TOP = 60;
    private static final int BOTTOM = 80;

    private Chart() {}

    static void write(Path file, String title, List<Panel> panels) throws Exception {
        ChartCanvas.write(file, PANEL_WIDTH * panels.size() + 40, HEIGHT, title, g -> {
            for (int i = 0; i < panels.size(); i++) {
                drawPanel(g, panels.get(i), 30 + i * PANEL_WIDTH);
            }
        });
    }

    private static void drawPanel(Graphics2D g, Panel panel, int left) {
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int baseline = TOP + plotHeight;
        double top = panel.bars().stream().mapToDouble(Bar::max).max().orElse(1) * 1.15;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), left, TOP - 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(panel.unit(), left, TOP - 8);
        g.drawLine(left, baseline, left + PANEL_WIDTH - 40, baseline);

        int slot = (PANEL_WIDTH - 40) / panel.bars().size();
        for (int i = 0; i < panel.bars().size(); i++) {
            Bar bar = panel.bars().get(i);
            int x = left + i * slot + slot / 6;
            int barWidth = slot * 2 / 3;
            int barTop = baseline - (int) (plotHeight * bar.median() / top);
            g.setColor(COLORS[variantIndex(bar.label()) % COLORS.length]);
            g.fillRect(x, barTop, barWidth, baseline - barTop);
            // the range over the rounds
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1.5f));
            int centre = x + barWidth / 2;
            int low = baseline - (int) (plotHeight * bar.min() / top);
            int high = baseline - (int) (plotHeight * bar.max() / top);
            g.drawLine(centre, low, centre, high);
            g.drawLine(centre - 5, low, centre + 5, low);
            g.drawLine(centre - 5, high, centre + 5, high);
            g.setColor(Color.BLACK);
            g.drawString(format(bar.median()), x, high - 4);
            drawLabel(g, bar.label(), x, baseline + 14);
        }
    }

    /** Labels are "a: ...", "b: ...", "c: ..." and may carry a suffix such as "mean" or "p99". */
    private static int variantIndex(String label) {
        return Math.max(0, label.charAt(0) - 'a');
    }

    private static void drawLabel(Graphics2D g, String label, int x, int y) {
        String[] words = label.split(" ", 2);
        g.drawString(words[0], x, y);
        if (words.length > 1) {
            g.drawString(words[1], x, y + 13);
        }
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
