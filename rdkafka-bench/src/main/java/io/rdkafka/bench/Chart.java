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

/** A grouped bar chart of median throughput per tool, drawn with Java2D (no dependency). */
final class Chart {
    private Chart() {
    }

    private static final List<String> TOOLS = List.of("native", "binding", "kafka-clients", "kcat");
    private static final Color[] COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868),
            new Color(0x8172B3)};

    static void write(List<SideBySide.Result> results, Path png) throws IOException {
        List<String> groups = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (String mode : List.of("produce", "consume")) {
            for (int size : new int[]{100, 1024}) {
                for (String acks : new String[]{"1", "all"}) {
                    double[] v = new double[TOOLS.size()];
                    boolean any = false;
                    for (int t = 0; t < TOOLS.size(); t++) {
                        String tool = TOOLS.get(t);
                        v[t] = SideBySide.median(results.stream().filter(r -> r.tool().equals(tool)
                                && r.mode().equals(mode) && r.size() == size && r.acks().equals(acks))
                                .map(SideBySide.Result::msgsPerSec).toList());
                        any |= !Double.isNaN(v[t]);
                    }
                    if (any) {
                        groups.add(mode + " " + size + "B acks=" + acks);
                        values.add(v);
                    }
                }
            }
        }
        int w = 1200;
        int h = 560;
        int left = 90;
        int bottom = 90;
        int top = 50;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double max = values.stream().flatMapToDouble(java.util.Arrays::stream).filter(d -> !Double.isNaN(d))
                .max().orElse(1);
        int plotH = h - top - bottom;
        int plotW = w - left - 30;
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Median throughput (messages/s), higher is better", left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i <= 5; i++) {
            int y = top + plotH - plotH * i / 5;
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%,.0f", max * i / 5), 5, y + 4);
        }
        int groupW = groups.isEmpty() ? plotW : plotW / groups.size();
        int barW = Math.max(4, (groupW - 20) / TOOLS.size());
        for (int gi = 0; gi < groups.size(); gi++) {
            int x0 = left + gi * groupW + 10;
            for (int t = 0; t < TOOLS.size(); t++) {
                double v = values.get(gi)[t];
                if (Double.isNaN(v)) continue;
                int bh = (int) (plotH * v / max);
                g.setColor(COLORS[t]);
                g.fillRect(x0 + t * barW, top + plotH - bh, barW - 2, bh);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(groups.get(gi), x0, top + plotH + 18);
        }
        g.setStroke(new BasicStroke(1));
        for (int t = 0; t < TOOLS.size(); t++) {
            g.setColor(COLORS[t]);
            g.fillRect(left + t * 160, h - 35, 14, 14);
            g.setColor(Color.DARK_GRAY);
            g.drawString(TOOLS.get(t), left + t * 160 + 20, h - 23);
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }
}
