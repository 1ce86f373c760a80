package io.faultline.report;

import java.util.Locale;

/**
 * A small SVG writer. Everything is drawn with presentation attributes ({@code fill}, {@code stroke}, ...) and
 * nothing else: no {@code style} attribute, no {@code <style>}, no script, so that a plot shows the same under a
 * Content-Security-Policy that blocks inline styles and scripts (Jenkins serves archived artifacts with one).
 * Elements carry a {@code class} naming what they show, for tests and for report.js, never for looks.
 */
final class Svg {
    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final int width;
    private final int height;

    Svg(int width, int height, String title) {
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

    /** Opens a group; attributes are name/value pairs. */
    Svg open(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append(">\n");
        return this;
    }

    Svg close(String tag) {
        out.append("</").append(tag).append(">\n");
        return this;
    }

    /** An element without children. */
    Svg empty(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append("/>\n");
        return this;
    }

    /** An element holding only text. */
    Svg element(String tag, String text, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        escape(text, out);
        out.append("</").append(tag).append(">\n");
        return this;
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

    private void attributes(Object[] attributes) {
        if (attributes.length % 2 != 0) throw new IllegalArgumentException("attributes come in name/value pairs");
        for (int i = 0; i < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            if (value == null) continue;
            out.append(' ').append(attributes[i]).append("=\"");
            if (value instanceof Double d) out.append(number(d));
            else escape(value.toString(), out);
            out.append('"');
        }
    }

    /** Two decimals at most: enough for pixels, and the file stays small. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return String.format(Locale.ROOT, "%.2f", d);
    }

    static void escape(String text, StringBuilder to) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> to.append("&lt;");
                case '>' -> to.append("&gt;");
                case '&' -> to.append("&amp;");
                case '"' -> to.append("&quot;");
                case '\'' -> to.append("&#39;");
                default -> {
                    // XML 1.0 has no way to write most control characters: they become a visible mark.
                    if (c < 0x20 && c != '\n' && c != '\t') to.append('\u00bf');
                    else to.append(c);
                }
            }
        }
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        escape(text, sb);
        return sb.toString();
    }
}
