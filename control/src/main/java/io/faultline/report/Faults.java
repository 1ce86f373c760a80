package io.faultline.report;

import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.Values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each fault was active, read from the history's nemesis ops: a fault family's {@code start-X} opens a band
 * at its invocation (the fault may be in force from then on) and the {@code stop-X} or {@code heal-all} that
 * follows closes it at its completion (until then it may still be); a band never closed lasts to the end.
 */
final class Faults {
    private static final String START = "start-";
    private static final String STOP = "stop-";
    private static final String HEAL_ALL = "heal-all";

    /** One stretch of time during which a fault may have been active, in history nanoseconds. */
    record Band(String fault, long from, long to, String detail) {
    }

    /** A nemesis op as the report lists it. */
    record Event(long time, String type, String f, String value, String error) {
    }

    private Faults() {
    }

    static List<Band> bands(History history, long end) {
        List<Band> bands = new ArrayList<>();
        Map<String, Op> open = new LinkedHashMap<>();
        for (Op op : history) {
            if (!op.isNemesis()) continue;
            String f = op.f();
            if (f.startsWith(START) && op.isInvoke()) {
                open.putIfAbsent(f.substring(START.length()), op);
            } else if (f.startsWith(STOP) && !op.isInvoke()) {
                Op started = open.remove(f.substring(STOP.length()));
                if (started != null) bands.add(band(f.substring(STOP.length()), started, op.time()));
            } else if (f.equals(HEAL_ALL) && !op.isInvoke()) {
                for (Map.Entry<String, Op> e : open.entrySet()) bands.add(band(e.getKey(), e.getValue(), op.time()));
                open.clear();
            }
        }
        open.forEach((fault, started) -> bands.add(band(fault, started, end)));
        bands.sort((a, b) -> Long.compare(a.from, b.from));
        return bands;
    }

    /** A colour for each fault family, the same in every plot of a report. */
    static Map<String, String> colours(List<Band> bands) {
        Map<String, String> colours = new LinkedHashMap<>();
        bands.stream().map(Band::fault).distinct().sorted().forEach(f -> colours.put(f, Palette.fault(colours.size())));
        return colours;
    }

    static List<Event> events(History history) {
        List<Event> events = new ArrayList<>();
        for (Op op : history) {
            if (op.isNemesis()) {
                events.add(new Event(op.time(), op.type().wireName(), op.f(), op.value() == null ? "" : Values.show(op.value()),
                        op.error()));
            }
        }
        return events;
    }

    private static Band band(String fault, Op started, long to) {
        return new Band(fault, started.time(), Math.max(started.time(), to), started.value() == null ? "" : Values.show(started.value()));
    }
}
