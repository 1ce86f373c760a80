package io.faultline.report;

/**
 * A small SVG writer. Everything is drawn with presentation attributes ({@code fill}, {@code stroke}, ...) and
 * nothing else: no {@code style} attribute, no {@code <style>}, no script, so that a plot shows the same under a
 * Content-Security-Policy that blocks inline styles and scripts (Jenkins serves archived artifacts with one).
 * Elements carry a {@code class} naming what they show, for tests and for report.js, never for looks.
 */
final class Svg extends Markup<Svg> {
    private final int width;
    private final int height;

    Svg(int width, int height, String title) {
        super("\n");
        this.width = width;
        this.height = height;
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
           .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(width)
           .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
           .append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        element("title", title);
        out.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
           .append("\" fill=\"#ffffff\"/>\n");
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    Svg text(double x, double y, String text, Object... attributes) {
        Object[] all = new Object[attributes.length + 4];
        all[0] = "x";
        all[1] = x;
        all[2] = "y";
        all[3] = y;
        System.arraycopy(attributes, 0, all, 4, attributes.length);
        return element("text", text, all);
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, Object... attributes) {
        Object[] all = new Object[attributes.length + 10];
        Object[] head = {"x1", x1, "y1", y1, "x2", x2, "y2", y2, "stroke", stroke};
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(attributes, 0, all, head.length, attributes.length);
        return empty("line", all);
    }

    Svg rect(double x, double y, double w, double h, String fill, Object... attributes) {
        Object[] all = new Object[attributes.length + 10];
        Object[] head = {"x", x, "y", y, "width", Math.max(0, w), "height", Math.max(0, h), "fill", fill};
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(attributes, 0, all, head.length, attributes.length);
        return empty("rect", all);
    }

    /** A shape with a tooltip ({@code <title>}), which a browser shows when the SVG is opened on its own. */
    Svg withTitle(String tag, String title, Object... attributes) {
        open(tag, attributes);
        element("title", title);
        return close(tag);
    }

    String finish() {
        out.append("</svg>\n");
        return out.toString();
    }
}
