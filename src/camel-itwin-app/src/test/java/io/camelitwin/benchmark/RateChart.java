package io.camelitwin.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Requests a second against a limit, drawn with Java2D as {@link Chart} is: one panel per scenario, a bar a second for
 * the accepted requests with the 429s stacked on top in red, and the platform's limit as a dashed line. A bar taller
 * than the scale (the initial burst) is cut, and it and every second with 429s are labelled with their counts.
 */
public final class RateChart {

    /** One second: the requests the platform accepted and those it answered with a 429. */
    public record Second(int accepted, int rateLimited) {}

    /** One scenario's seconds, from its first request, and the platform's limit in requests a second. */
    public record Panel(String title, List<Second> seconds, double limitPerSecond) {}

    private static final Color ACCEPTED = new Color(0x4c72b0);
    private static final Color RATE_LIMITED = new Color(0xc44e52);
    private static final Color LIMIT = new Color(0x333333);
    private static final int WIDTH = 1000;
    private static final int PANEL_HEIGHT = 230;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TITLE = 40;
    /** The scale ends at this many times the limit, so that the paced seconds stay readable beside the burst. */
    private static final double SCALE_OVER_LIMIT = 3;

    private RateChart() {}

    public static void write(Path file, String title, List<Panel> panels) throws Exception {
        int longest = panels.stream().mapToInt(p -> p.seconds().size()).max().orElse(1);
        ChartCanvas.write(file, WIDTH, TITLE + PANEL_HEIGHT * panels.size(), title, g -> {
            for (int i = 0; i < panels.size(); i++) {
                drawPanel(g, panels.get(i), TITLE + i * PANEL_HEIGHT, longest);
            }
        });
    }

    private static void drawPanel(Graphics2D g, Panel panel, int top, int seconds) {
        int plotTop = top + 30;
        int baseline = top + PANEL_HEIGHT - 35;
        int plotHeight = baseline - plotTop;
        int plotWidth = WIDTH - LEFT - RIGHT;
        double scale = Math.max(1, Math.ceil(panel.limitPerSecond() * SCALE_OVER_LIMIT));
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(panel.title(), LEFT, top + 16);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        drawAxes(g, plotTop, baseline, plotWidth, scale, seconds);

        double slot = (double) plotWidth / seconds;
        int barWidth = Math.max(1, (int) Math.floor(slot) - 1);
        int notes = 0;
        for (int s = 0; s < panel.seconds().size(); s++) {
            Second second = panel.seconds().get(s);
            int x = LEFT + (int) (s * slot);
            int acceptedTop = baseline - height(second.accepted(), scale, plotHeight);
            g.setColor(ACCEPTED);
            g.fillRect(x, acceptedTop, barWidth, baseline - acceptedTop);
            int total = second.accepted() + second.rateLimited();
            int totalTop = baseline - height(total, scale, plotHeight);
            g.setColor(RATE_LIMITED);
            g.fillRect(x, totalTop, barWidth, acceptedTop - totalTop);
            if (total > scale || second.rateLimited() > 0) {
                // a cut bar hides its 429s, and a few 429s are too thin to see: both are spelt out, one under another
                g.setColor(second.rateLimited() > 0 ? RATE_LIMITED : Color.BLACK);
                g.drawString(note(s, second), x + barWidth + 4, plotTop + 10 + 13 * notes++);
            }
        }
        int limitY = baseline - height(panel.limitPerSecond(), scale, plotHeight);
        g.setColor(LIMIT);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.drawLine(LEFT, limitY, LEFT + plotWidth, limitY);
        g.setStroke(new BasicStroke(1));
        g.drawString(
                String.format(Locale.ROOT, "platform limit %.0f/min", panel.limitPerSecond() * 60),
                LEFT + plotWidth - 150,
                limitY - 4);
        drawLegend(g, top + 16);
    }

    private static String note(int index, Second second) {
        return "second " + index + ": " + second.accepted() + " accepted"
                + (second.rateLimited() > 0 ? ", " + second.rateLimited() + " x 429" : "");
    }

    private static void drawAxes(Graphics2D g, int plotTop, int baseline, int plotWidth, double scale, int seconds) {
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, baseline, LEFT + plotWidth, baseline);
        g.drawLine(LEFT, plotTop, LEFT, baseline);
        g.drawString("requests/s", 5, plotTop - 6);
        int plotHeight = baseline - plotTop;
        for (double tick : List.of(0.0, scale / 2, scale)) {
            int y = baseline - height(tick, scale, plotHeight);
            g.drawString(String.format(Locale.ROOT, "%.0f", tick), LEFT - 25, y + 4);
        }
        int step = seconds > 150 ? 20 : 10;
        for (int s = 0; s <= seconds; s += step) {
            int x = LEFT + (int) ((double) s * plotWidth / seconds);
            g.drawLine(x, baseline, x, baseline + 4);
            g.drawString(s + " s", x - 8, baseline + 17);
        }
    }

    private static void drawLegend(Graphics2D g, int y) {
        int x = WIDTH - 300;
        g.setColor(ACCEPTED);
        g.fillRect(x, y - 9, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString("accepted", x + 14, y);
        g.setColor(RATE_LIMITED);
        g.fillRect(x + 80, y - 9, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString("429", x + 94, y);
    }

    private static int height(double value, double scale, int plotHeight) {
        return (int) Math.round(plotHeight * Math.min(value, scale) / scale);
    }
}
