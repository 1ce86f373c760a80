package io.faultline.report;

import java.util.Locale;

/**
 * Writes well-formed XML markup, the report's SVG and its HTML alike, so tests can read both with an XML parser.
 * No {@code style} attribute and no event handler attribute can be written: looks come from presentation
 * attributes (SVG) or report.css (HTML), behaviour only from report.js, so a Content-Security-Policy that blocks
 * inline styles and scripts (Jenkins serves archived artifacts with one) changes nothing that is shown.
 */
abstract class Markup<T extends Markup<T>> {
    protected final StringBuilder out = new StringBuilder(64 * 1024);
    private final String afterTag;

    /** @param afterTag what follows a closed element: a newline keeps a file diffable, nothing keeps text tight */
    Markup(String afterTag) {
        this.afterTag = afterTag;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Opens an element; attributes are name/value pairs, a null value leaves the attribute out. */
    T open(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>').append(afterTag);
        return self();
    }

    T close(String tag) {
        out.append("</").append(tag).append('>').append(afterTag);
        return self();
    }

    /** An element without children. */
    T empty(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append("/>").append(afterTag);
        return self();
    }

    /** An element holding only text. */
    T element(String tag, String text, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        escape(text == null ? "" : text, out);
        out.append("</").append(tag).append('>').append(afterTag);
        return self();
    }

    T text(String text) {
        escape(text == null ? "" : text, out);
        return self();
    }

    private void attributes(Object[] attributes) {
        if (attributes.length % 2 != 0) throw new IllegalArgumentException("attributes come in name/value pairs");
        for (int i = 0; i < attributes.length; i += 2) {
            String name = attributes[i].toString();
            if (name.equals("style") || name.startsWith("on")) {
                throw new IllegalArgumentException("the report writes no inline " + name + ": use report.css or report.js");
            }
            Object value = attributes[i + 1];
            if (value == null) continue;
            out.append(' ').append(name).append("=\"");
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
}
