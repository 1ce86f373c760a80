package io.faultline.report;

/**
 * Writes the report's HTML as well-formed XML (every element closed, attributes quoted), so tests can read it with
 * an XML parser. No {@code style} attribute, no inline script and no event handler attribute can be written: looks
 * come from report.css, behaviour from report.js, both files beside the page.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(64 * 1024);

    Html open(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        return this;
    }

    Html close(String tag) {
        out.append("</").append(tag).append(">\n");
        return this;
    }

    Html element(String tag, String text, Object... attributes) {
        open(tag, attributes);
        text(text);
        out.append("</").append(tag).append('>');
        return this;
    }

    Html empty(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append("/>");
        return this;
    }

    Html text(String text) {
        Svg.escape(text == null ? "" : text, out);
        return this;
    }

    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** A table row of cells; a cell given as {@code String[]{class, text}} gets that class. */
    Html row(Object... cells) {
        open("tr");
        for (Object cell : cells) {
            if (cell instanceof String[] classed) element("td", classed[1], "class", classed[0]);
            else element("td", cell == null ? "" : cell.toString());
        }
        return close("tr");
    }

    Html headings(String... names) {
        open("thead").open("tr");
        for (String name : names) element("th", name);
        return close("tr").close("thead");
    }

    static String[] cell(String cssClass, Object text) {
        return new String[] {cssClass, text == null ? "" : text.toString()};
    }

    String finish() {
        return out.toString();
    }

    private void attributes(Object[] attributes) {
        for (int i = 0; i < attributes.length; i += 2) {
            String name = attributes[i].toString();
            if (name.equals("style") || name.startsWith("on")) {
                throw new IllegalArgumentException("the report writes no inline " + name + ": use report.css or report.js");
            }
            if (attributes[i + 1] == null) continue;
            out.append(' ').append(name).append("=\"");
            Svg.escape(attributes[i + 1].toString(), out);
            out.append('"');
        }
    }
}
