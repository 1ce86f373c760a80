package io.faultline.report;

import java.util.List;

/** The report's colours, one place: Jepsen's for op types, and a fixed cycle for fault families and fs. */
final class Palette {
    static final String OK = "#3d8fd9";
    static final String INFO = "#f0a202";
    static final String FAIL = "#e0245e";
    static final String PENDING = "#9aa0a6";
    static final String AXIS = "#444444";
    static final String GRID = "#e4e4e4";
    static final String TEXT = "#222222";
    static final String HIGHLIGHT = "#d00000";
    static final String LINEARIZED = "#6ab04c";
    static final String CONTEXT = "#c8ccd0";
    private static final List<String> FAULTS = List.of("#ff9f1c", "#8e7cc3", "#2ec4b6", "#e71d36", "#6a994e", "#b5838d");
    private static final List<String> SERIES = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
            "#17becf", "#7f7f7f");

    private Palette() {
    }

    static String type(String type) {
        return switch (type) {
            case "ok" -> OK;
            case "info" -> INFO;
            case "fail" -> FAIL;
            default -> PENDING;
        };
    }

    static String fault(int i) {
        return FAULTS.get(Math.floorMod(i, FAULTS.size()));
    }

    static String series(int i) {
        return SERIES.get(Math.floorMod(i, SERIES.size()));
    }
}
