package io.faultline.report;

/** The report's HTML, with the rows and cells of its tables. */
final class Html extends Markup<Html> {

    Html() {
        super("\n");
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
}
