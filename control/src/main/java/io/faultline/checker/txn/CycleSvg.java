package io.faultline.checker.txn;

import java.util.List;
import java.util.Locale;

/** Draws a cycle as SVG: its transactions on a circle, each edge an arrow labelled with its type and key. */
final class CycleSvg {
    /** Larger cycles make a circle nobody can read; their steps say it all. */
    static final int MAX_DRAWN = 40;
    private CycleSvg() {
    }

    /** @param labels one label per step, e.g. "wr x" */
    static String draw(String title, int[] txns, List<String> labels, List<String> colours) {
        int n = txns.length;
        double radius = Math.max(70, 30.0 * n);
        double size = 2 * radius + 160;
        double c = size / 2;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\""
                + " font-family=\"sans-serif\" font-size=\"12\">", size, size + 20, size, size + 20));
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>");
        svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>", c, escape(title)));
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double angle = -Math.PI / 2 + 2 * Math.PI * i / n;
            x[i] = c + radius * Math.cos(angle);
            y[i] = c + 10 + radius * Math.sin(angle);
        }
        double r = 18;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            double dx = x[j] - x[i];
            double dy = y[j] - y[i];
            double len = Math.max(1e-9, Math.hypot(dx, dy));
            double ux = dx / len;
            double uy = dy / len;
            // Bend each arrow outwards a little, so two opposite arrows between the same pair stay apart.
            double mx = (x[i] + x[j]) / 2 - uy * 18;
            double my = (y[i] + y[j]) / 2 + ux * 18;
            svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\""
                            + " marker-end=\"url(#arrow)\"/>", x[i] + ux * r, y[i] + uy * r, mx, my, x[j] - ux * r, y[j] - uy * r,
                    colours.get(i)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">%s</text>",
                    mx - uy * 8, my + ux * 8 + 4, colours.get(i), escape(labels.get(i))));
        }
        for (int i = 0; i < n; i++) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.0f\" fill=\"#eef\" stroke=\"#335\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">T%d</text>", x[i], y[i], r, x[i], y[i] + 4, txns[i] + 1));
        }
        return svg.append("</svg>").toString();
    }

    static String colour(byte type) {
        return switch (type) {
            case DependencyGraph.WW -> "#1f77b4";
            case DependencyGraph.WR -> "#2ca02c";
            case DependencyGraph.RW -> "#d62728";
            case DependencyGraph.PROCESS -> "#9467bd";
            default -> "#7f7f7f";
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
