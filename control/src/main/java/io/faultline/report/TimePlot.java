package io.faultline.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The frame every plot over the run's time shares: seconds since the start across, a linear or logarithmic value
 * axis up, the nemesis bands behind the data, and a legend on the right.
 */
final class TimePlot {
    static final int WIDTH = 1100;
    static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 34;
    private static final int BOTTOM = 46;

    /** A legend line: a swatch (marker shape index, or -1 for a line with the given dash pattern) and its label. */
    record Key(String label, String colour, int shape, String dash) {
    }

    private final Svg svg;
    private final double tMax;
    private final double yMin;
    private final double yMax;
    private final boolean log;

    TimePlot(String title, String yLabel, double tMaxSeconds, double yMin, double yMax, boolean log,
             List<Faults.Band> bands, Map<String, String> faultColours) {
        this.svg = new Svg(WIDTH, HEIGHT, title);
        this.tMax = tMaxSeconds > 0 ? tMaxSeconds : 1;
        this.log = log;
        if (log) {
            double lo = Math.pow(10, Math.floor(Math.log10(Math.max(yMin, 1e-3))));
            double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(yMax, lo * 10))));
            this.yMin = lo;
            this.yMax = hi > lo ? hi : lo * 10;
        } else {
            this.yMin = 0;
            this.yMax = yMax > 0 ? niceCeiling(yMax) : 1;
        }
        svg.text(LEFT, 20, title, "font-size", 15, "font-weight", "bold", "fill", Palette.TEXT);
        drawBands(bands, faultColours);
        drawAxes(yLabel);
    }

    Svg svg() {
        return svg;
    }

    double x(double seconds) {
        return LEFT + (WIDTH - LEFT - RIGHT) * Math.min(Math.max(seconds, 0), tMax) / tMax;
    }

    double y(double value) {
        double bottom = HEIGHT - BOTTOM;
        double span = bottom - TOP;
        double f;
        if (log) {
            double v = Math.min(Math.max(value, yMin), yMax);
            f = (Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin));
        } else {
            f = Math.min(Math.max(value, yMin), yMax) / yMax;
        }
        return bottom - span * f;
    }

    /** Draws marker {@code shape} (circle, square, triangle, diamond, cross, then again) centred on x, y. */
    static void marker(Svg svg, int shape, double x, double y, String fill) {
        double r = 2.6;
        switch (Math.floorMod(shape, 5)) {
            case 0 -> svg.empty("circle", "cx", x, "cy", y, "r", r, "fill", fill, "fill-opacity", "0.75");
            case 1 -> svg.rect(x - r, y - r, 2 * r, 2 * r, fill, "fill-opacity", "0.75");
            case 2 -> svg.empty("path", "d", "M" + Markup.number(x) + " " + Markup.number(y - r - 0.6) + " l" + Markup.number(r + 0.6)
                    + " " + Markup.number(2 * r + 1.2) + " h" + Markup.number(-2 * r - 1.2) + "z", "fill", fill, "fill-opacity", "0.75");
            case 3 -> svg.empty("path", "d", "M" + Markup.number(x) + " " + Markup.number(y - r - 0.8) + " l" + Markup.number(r + 0.8)
                    + " " + Markup.number(r + 0.8) + " l" + Markup.number(-r - 0.8) + " " + Markup.number(r + 0.8) + " l" + Markup.number(-r - 0.8)
                    + " " + Markup.number(-r - 0.8) + "z", "fill", fill, "fill-opacity", "0.75");
            default -> svg.empty("path", "d", "M" + Markup.number(x - r) + " " + Markup.number(y - r) + " l" + Markup.number(2 * r) + " "
                    + Markup.number(2 * r) + " M" + Markup.number(x + r) + " " + Markup.number(y - r) + " l" + Markup.number(-2 * r) + " "
                    + Markup.number(2 * r), "stroke", fill, "stroke-width", "1.4", "fill", "none");
        }
    }

    /** A polyline through the points (seconds, value); NaN values break it. */
    void series(List<double[]> points, String colour, String dash, String cssClass) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (double[] p : points) {
            if (Double.isNaN(p[1])) {
                pen = false;
                continue;
            }
            d.append(pen ? " L" : " M").append(Markup.number(x(p[0]))).append(' ').append(Markup.number(y(p[1])));
            pen = true;
        }
        if (d.length() > 0) {
            svg.empty("path", "class", cssClass, "d", d.toString().trim(), "fill", "none", "stroke", colour, "stroke-width", "1.6",
                    "stroke-dasharray", dash, "stroke-linejoin", "round");
        }
    }

    void legend(List<Key> keys) {
        double x = WIDTH - RIGHT + 16;
        double y = TOP + 8;
        for (Key key : keys) {
            if (key.shape() >= 0) marker(svg, key.shape(), x + 6, y - 4, key.colour());
            else if (key.colour() != null) {
                svg.line(x, y - 4, x + 16, y - 4, key.colour(), "stroke-width", "2", "stroke-dasharray", key.dash());
            }
            svg.text(x + 22, y, key.label(), "fill", Palette.TEXT, "font-size", 11);
            y += 16;
            if (y > HEIGHT - BOTTOM) break;
        }
    }

    String finish() {
        return svg.finish();
    }

    private void drawBands(List<Faults.Band> bands, Map<String, String> colours) {
        double top = TOP;
        double height = HEIGHT - BOTTOM - TOP;
        for (Faults.Band band : bands) {
            double x0 = x(band.from() / 1e9);
            double x1 = Math.max(x(band.to() / 1e9), x0 + 1);
            String colour = colours.getOrDefault(band.fault(), Palette.fault(0));
            svg.open("g", "class", "nemesis-band", "data-fault", band.fault());
            svg.element("title", band.fault() + " " + seconds(band.from()) + "–" + seconds(band.to()) + " s " + band.detail());
            svg.rect(x0, top, x1 - x0, height, colour, "fill-opacity", "0.16");
            svg.line(x0, top, x0, top + height, colour, "stroke-width", "1", "stroke-opacity", "0.7");
            if (x1 - x0 > 40) svg.text(x0 + 3, top + 11, band.fault(), "font-size", 10, "fill", colour);
            svg.close("g");
        }
    }

    private void drawAxes(String yLabel) {
        double bottom = HEIGHT - BOTTOM;
        double right = WIDTH - RIGHT;
        for (double v : yTicks()) {
            double yy = y(v);
            svg.line(LEFT, yy, right, yy, Palette.GRID, "stroke-width", "1");
            svg.text(LEFT - 6, yy + 4, label(v), "text-anchor", "end", "fill", Palette.AXIS, "font-size", 11);
        }
        double step = niceStep(tMax / 10);
        for (double t = 0; t <= tMax + 1e-9; t += step) {
            double xx = x(t);
            svg.line(xx, bottom, xx, bottom + 4, Palette.AXIS);
            svg.text(xx, bottom + 17, label(t), "text-anchor", "middle", "fill", Palette.AXIS, "font-size", 11);
        }
        svg.line(LEFT, bottom, right, bottom, Palette.AXIS);
        svg.line(LEFT, TOP, LEFT, bottom, Palette.AXIS);
        svg.text((LEFT + right) / 2.0, HEIGHT - 8, "time since the run started (s)", "text-anchor", "middle", "fill", Palette.AXIS);
        svg.text(16, (TOP + bottom) / 2.0, yLabel, "text-anchor", "middle", "fill", Palette.AXIS,
                "transform", "rotate(-90 16 " + Markup.number((TOP + bottom) / 2.0) + ")");
    }

    private List<Double> yTicks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            int decades = (int) Math.round(Math.log10(yMax / yMin));
            for (double v = yMin; v <= yMax * 1.0001; v *= 10) {
                ticks.add(v);
                if (decades <= 3 && v * 2 < yMax) ticks.add(v * 2);
                if (decades <= 3 && v * 5 < yMax) ticks.add(v * 5);
            }
        } else {
            double step = niceStep(yMax / 6);
            for (double v = 0; v <= yMax + 1e-9; v += step) ticks.add(v);
        }
        return ticks;
    }

    static double niceStep(double rough) {
        if (rough <= 0) return 1;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    private static double niceCeiling(double v) {
        double step = niceStep(v / 6);
        return Math.ceil(v / step) * step;
    }

    static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) return Long.toString((long) v);
        if (Math.abs(v) >= 1) return String.format(Locale.ROOT, "%.1f", v);
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
