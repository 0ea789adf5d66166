package io.rdkafka.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart of median throughput per tool relative to native librdkafka (native = 1.0), each bar
 * labelled with its messages/s, with the 0.95 target line; drawn with Java2D (no dependency).
 */
final class Chart {
    private Chart() {
    }

    private static final List<String> TOOLS = SideBySide.TOOLS;
    private static final Color[] COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868),
            new Color(0x8172B3), new Color(0x937860)};

    static void write(List<SideBySide.Result> results, Path png) throws IOException {
        List<String> groups = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        record Cell(String mode, int size, String acks) {
        }
        List<Cell> cells = new ArrayList<>();
        for (int size : new int[]{100, 1024}) for (String acks : new String[]{"1", "all"}) cells.add(new Cell("produce", size, acks));
        for (int size : new int[]{100, 1024}) cells.add(new Cell("consume", size, "-"));
        for (Cell c : cells) {
            double[] v = new double[TOOLS.size()];
            boolean any = false;
            for (int t = 0; t < TOOLS.size(); t++) {
                String tool = TOOLS.get(t);
                v[t] = SideBySide.median(results.stream().filter(r -> r.tool().equals(tool)
                        && r.mode().equals(c.mode) && r.size() == c.size && r.acks().equals(c.acks))
                        .map(SideBySide.Result::msgsPerSec).toList());
                any |= !Double.isNaN(v[t]);
            }
            if (any) {
                groups.add(c.mode + " " + (c.size >= 1024 ? "1 KB" : c.size + " B") + (c.acks.equals("-") ? "" : " acks=" + c.acks));
                values.add(v);
            }
        }
        int w = 1400;
        int h = 620;
        int left = 70;
        int bottom = 90;
        int top = 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double max = 1.2;
        for (double[] v : values) {
            for (double x : v) if (!Double.isNaN(x) && !Double.isNaN(v[0]) && v[0] > 0) max = Math.max(max, x / v[0]);
        }
        max = Math.ceil(max * 5) / 5;
        int plotH = h - top - bottom;
        int plotW = w - left - 30;
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Median throughput relative to native librdkafka (= 1.0); bar labels: messages/s", left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int steps = (int) Math.round(max / 0.2);
        for (int i = 0; i <= steps; i++) {
            double val = i * 0.2;
            int y = top + plotH - (int) (plotH * val / max);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.1f", val), 30, y + 4);
        }
        int yTarget = top + plotH - (int) (plotH * 0.95 / max);
        g.setColor(new Color(0xC44E52));
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{6, 4}, 0));
        g.drawLine(left, yTarget, left + plotW, yTarget);
        g.drawString("0.95 × native", left + plotW - 80, yTarget - 4);
        g.setStroke(new BasicStroke(1));
        int groupW = groups.isEmpty() ? plotW : plotW / groups.size();
        int barW = Math.max(4, (groupW - 24) / TOOLS.size());
        for (int gi = 0; gi < groups.size(); gi++) {
            int x0 = left + gi * groupW + 12;
            double[] v = values.get(gi);
            for (int t = 0; t < TOOLS.size(); t++) {
                if (Double.isNaN(v[t]) || Double.isNaN(v[0]) || v[0] <= 0) continue;
                double rel = v[t] / v[0];
                int bh = (int) (plotH * rel / max);
                g.setColor(COLORS[t]);
                g.fillRect(x0 + t * barW, top + plotH - bh, barW - 3, bh);
                g.setColor(Color.DARK_GRAY);
                String label = v[t] >= 1e6 ? String.format(Locale.ROOT, "%.2fM", v[t] / 1e6)
                        : String.format(Locale.ROOT, "%.0fk", v[t] / 1e3);
                g.drawString(label, x0 + t * barW, top + plotH - bh - 4);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(groups.get(gi), x0, top + plotH + 18);
        }
        for (int t = 0; t < TOOLS.size(); t++) {
            g.setColor(COLORS[t]);
            g.fillRect(left + t * 180, h - 35, 14, 14);
            g.setColor(Color.DARK_GRAY);
            g.drawString(TOOLS.get(t), left + t * 180 + 20, h - 23);
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }
}
