package io.faultline.history;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes ops as Jepsen's {@code history.edn}: one op map per line, {@code {:index 0, :time 123, :type :invoke,
 * :process 3, :f :write, :value 5}}, which {@link EdnHistoryReader} (and Jepsen's own tools) read back as the same ops.
 *
 * <p>Names Jepsen writes as keywords ({@code :type}, {@code :f}, map keys) are keywords where they can be; strings
 * stay strings. The reader turns keywords and strings alike into strings, so a history survives the round trip.
 */
public final class EdnHistoryWriter implements Closeable {
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z_*!?][A-Za-z0-9_*!?<>=.+\\-]*");

    private final Writer out;
    private final StringBuilder line = new StringBuilder(128);
    /** Whether a name can be a keyword, by name: a history has few distinct fs and keys, and millions of ops. */
    private final Map<String, Boolean> keywords = new HashMap<>();

    public EdnHistoryWriter(Writer out) {
        this.out = out;
    }

    public void append(Op op) throws IOException {
        line.setLength(0);
        line.append('{');
        if (op.index() >= 0) line.append(":index ").append(op.index()).append(", ");
        if (op.hasTime()) line.append(":time ").append(op.time()).append(", ");
        line.append(":type :").append(op.type().wireName());
        line.append(", :process ");
        if (op.isNemesis()) line.append(":nemesis");
        else line.append(op.process());
        line.append(", :f ");
        name(op.f());
        if (op.key() != null) {
            line.append(", :key ");
            value(op.key());
        }
        line.append(", :value ");
        value(op.value());
        if (op.node() != null) {
            line.append(", :node ");
            string(op.node());
        }
        if (op.error() != null) {
            line.append(", :error ");
            string(op.error());
        }
        if (op.extra() != null) {
            for (Map.Entry<String, Object> e : op.extra().entrySet()) {
                line.append(", ");
                key(e.getKey());
                line.append(' ');
                value(e.getValue());
            }
        }
        line.append("}\n");
        out.write(line.toString());
    }

    /** An extra field's name must read back as a keyword key: EDN op maps take no other kind. */
    private void key(String name) {
        if (!isKeyword(name)) {
            throw new IllegalArgumentException("op field '" + name + "' cannot be written as an EDN keyword");
        }
        line.append(':').append(name);
    }

    private void name(String name) {
        if (isKeyword(name)) line.append(':').append(name);
        else string(name);
    }

    private boolean isKeyword(String name) {
        Boolean known = keywords.get(name);
        if (known == null && keywords.size() < 10_000) keywords.put(name, known = KEYWORD.matcher(name).matches());
        return known != null ? known : KEYWORD.matcher(name).matches();
    }

    private void value(Object v) {
        if (v == null) {
            line.append("nil");
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Double d) {
            if (d.isNaN()) line.append("##NaN");
            else if (d.isInfinite()) line.append(d > 0 ? "##Inf" : "##-Inf");
            else line.append(d);
        } else if (v instanceof Float f) {
            value(f.doubleValue());
        } else if (v instanceof Number || v instanceof Boolean) {
            line.append(v instanceof BigInteger ? v + "N" : v.toString());
        } else if (v instanceof Map<?, ?> map) {
            line.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) line.append(", ");
                first = false;
                if (e.getKey() instanceof String k) name(k);
                else value(e.getKey());
                line.append(' ');
                value(e.getValue());
            }
            line.append('}');
        } else if (v instanceof Collection<?> c) {
            boolean set = v instanceof Set<?>;
            line.append(set ? "#{" : "[");
            boolean first = true;
            for (Object item : c) {
                if (!first) line.append(' ');
                first = false;
                value(item);
            }
            line.append(set ? '}' : ']');
        } else {
            string(v.toString());
        }
    }

    private void string(String s) {
        line.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\t' -> line.append("\\t");
                case '\r' -> line.append("\\r");
                default -> {
                    if (c < 0x20) line.append(String.format("\\u%04x", (int) c));
                    else line.append(c);
                }
            }
        }
        line.append('"');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
