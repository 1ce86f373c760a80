package io.faultline.checker.model;

import io.faultline.history.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Knossos' {@code multi-register}: registers named by keys, read and written by transactions. An operation's
 * value is a transaction, a vector of micro-ops {@code [f k v]} applied in order, with f {@code :read} /
 * {@code :write} (Knossos) or {@code :r} / {@code :w} (Jepsen's micro-op spelling):
 *
 * <pre>{:type :invoke, :f :txn, :value [[:read :x nil] [:write :y 2]]}
 * {:type :ok,     :f :txn, :value [[:read :x 0] [:write :y 2]]}</pre>
 *
 * <p>The op's f is {@code :txn}; the {@code :read} / {@code :write} f of TiDB's and Nebula's tests, whose values
 * are transactions too, are accepted alike. A value {@code [k txn]} is a Jepsen {@code independent} tuple: k
 * names an independent multi-register (so does an op's {@code :key}), checked on its own as Jepsen's
 * independent checker does.
 *
 * <p>Semantics, as Knossos': registers start at the initial values given ({@code multi-register {:x 0 :y 0}};
 * nil for any other key). An ok txn carries what its reads saw; a read of nil is always legal (Knossos cannot
 * tell "read nil" from "read unknown", so neither can we); a read after a write of the same register in one
 * txn sees that write. A failed txn did not happen. An indeterminate txn ({@code info}, or never completed)
 * saw nothing, and its writes may have taken effect, all at once, at any time after its invocation.
 *
 * <p>Splitting (P-compositionality): registers that no txn touches together are independent objects, so
 * the history is split into the connected components of "touched by one txn", one part per register when
 * each txn touches one register, the whole (independent) history otherwise.
 *
 * <p>States are {@link Registers}: the registers whose value differs from the initial one, as sorted slot
 * numbers assigned per part, with their values and a cached hash. A txn that overwrites every register
 * the state holds (always, in a per-register part) steps to a state decoded once with the txn, without
 * allocating.
 */
public final class MultiRegisterModel implements Model {
    private static final String NAME = "multi-register";

    private final Map<Object, Object> initial;

    /** @param initial the registers' initial values; a key not named starts as nil */
    public MultiRegisterModel(Map<?, ?> initial) {
        Map<Object, Object> normalized = new LinkedHashMap<>();
        initial.forEach((k, v) -> normalized.put(Values.normalize(k), Values.normalize(v)));
        this.initial = normalized;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Object init() {
        return Registers.INITIAL;
    }

    @Override
    public boolean prepare(Operation op) {
        if (op.outcome == Operation.Outcome.FAIL) return false;
        switch (op.f()) {
            case "txn", "read", "write" -> {
            }
            default -> throw new IllegalArgumentException("model " + NAME + " knows f txn (a vector of [f k v] micro-ops); found '"
                    + op.f() + "'");
        }
        Object value = op.value();
        Object independent = op.key();
        List<?> tuple = Values.pair(value);
        if (tuple != null && !(tuple.get(0) instanceof List<?>) && tuple.get(1) instanceof List<?> txn) {
            independent = Values.normalize(tuple.get(0));
            value = txn;
        }
        if (!(value instanceof List<?> microOps)) {
            throw new IllegalArgumentException("a txn must be a vector of [f k v] micro-ops, found " + Values.show(value) + " in " + op);
        }
        Txn txn = Txn.decode(microOps, op.isOk(), initial, op);
        if (txn.reads.length == 0 && txn.writes.length == 0 && !txn.impossible) return false;
        txn.independent = independent;
        op.arg = txn;
        return true;
    }

    /**
     * Components of the graph whose nodes are the registers (within one independent key) and whose edges
     * are the txns touching two of them; each component becomes a part with its registers numbered from 0.
     */
    @Override
    public Map<Object, List<Operation>> parts(List<Operation> ops) {
        Map<RegisterId, Integer> ids = new HashMap<>();
        List<RegisterId> registers = new ArrayList<>();
        int[] parent = new int[16];
        for (Operation op : ops) {
            Txn txn = (Txn) op.arg;
            int first = -1;
            for (Object name : txn.registers) {
                RegisterId id = new RegisterId(txn.independent, name);
                Integer n = ids.get(id);
                if (n == null) {
                    n = registers.size();
                    ids.put(id, n);
                    registers.add(id);
                    if (n == parent.length) parent = Arrays.copyOf(parent, n * 2);
                    parent[n] = n;
                }
                if (first < 0) first = n;
                else union(parent, first, n);
            }
            txn.ids = new int[txn.registers.length];
            for (int i = 0; i < txn.registers.length; i++) txn.ids[i] = ids.get(new RegisterId(txn.independent, txn.registers[i]));
        }
        // Each component numbers its registers 0, 1, ... in order of first appearance; those are the slots.
        int[] slot = new int[registers.size()];
        Map<Integer, Component> components = new LinkedHashMap<>();
        for (int n = 0; n < registers.size(); n++) {
            Component c = components.computeIfAbsent(find(parent, n), root -> new Component());
            slot[n] = c.names.size();
            c.names.add(registers.get(n).name());
            c.independent = registers.get(n).independent();
        }
        Map<Component, List<Operation>> byComponent = new LinkedHashMap<>();
        for (Operation op : ops) {
            Txn txn = (Txn) op.arg;
            Component c = components.get(find(parent, txn.ids[0]));
            txn.compile(slot, c.nameTable());
            byComponent.computeIfAbsent(c, k -> new ArrayList<>()).add(op);
        }
        Map<Object, List<Operation>> parts = new LinkedHashMap<>();
        byComponent.forEach((c, part) -> parts.put(c.key(), part));
        return parts;
    }

    @Override
    public Object step(Object state, Operation op) {
        Registers regs = (Registers) state;
        Txn txn = (Txn) op.arg;
        if (txn.impossible) return INCONSISTENT;
        int[] readSlots = txn.readSlots;
        for (int i = 0; i < readSlots.length; i++) {
            if (!Objects.equals(regs.get(readSlots[i], txn.readInitial[i]), txn.readValues[i])) return INCONSISTENT;
        }
        if (txn.writeSlots.length == 0) return regs;
        return regs.overwrite(txn);
    }

    @Override
    public long sizeOf(Object state) {
        return 48L + 24L * ((Registers) state).slots.length;
    }

    @Override
    public Object describe(Object state) {
        Registers regs = (Registers) state;
        Map<Object, Object> shown = new LinkedHashMap<>(initial);
        for (int i = 0; i < regs.slots.length; i++) shown.put(regs.names[regs.slots[i]], regs.values[i]);
        return shown;
    }

    private static int find(int[] parent, int n) {
        while (parent[n] != n) {
            parent[n] = parent[parent[n]];
            n = parent[n];
        }
        return n;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }

    private record RegisterId(Object independent, Object name) {
    }

    private static final class Component {
        final List<Object> names = new ArrayList<>();
        Object independent;
        private Object[] table;

        Object[] nameTable() {
            if (table == null) table = names.toArray();
            return table;
        }

        /** The register's name for a one-register part, the list of names otherwise; under its independent key. */
        Object key() {
            Object registers = names.size() == 1 ? names.get(0) : Values.sorted(names);
            return independent == null ? registers : Arrays.asList(independent, registers);
        }
    }

    /** One txn, decoded: the reads it checks against the state before it, and its net writes. */
    private static final class Txn {
        /** A read contradicts an earlier micro-op of the same txn: no state makes it possible. */
        boolean impossible;
        Object independent;
        /** The registers the txn checks or writes, first use first (a read left unchecked touches nothing). */
        Object[] registers;
        int[] ids;
        /** Indexes into {@link #registers}, the read values and the registers' initial values. */
        int[] reads;
        Object[] readValues;
        Object[] readInitial;
        /** Indexes into {@link #registers} and the last value written to each. */
        int[] writes;
        Object[] writeValues;
        Object[] writeInitial;

        /** Set by {@link #compile}: slots in the part, sorted for writes. */
        int[] readSlots;
        int[] writeSlots;
        /** The state the txn leaves when it overwrites every register the state held. */
        Registers written;

        static Txn decode(List<?> microOps, boolean readsKnown, Map<Object, Object> initial, Operation op) {
            Txn txn = new Txn();
            Map<Object, Access> accesses = new LinkedHashMap<>();
            for (Object item : microOps) {
                if (!(item instanceof List<?> micro) || micro.size() != 3) {
                    throw new IllegalArgumentException("a micro-op must be [f k v], found " + Values.show(item) + " in " + op);
                }
                Object f = micro.get(0);
                Object v = Values.normalize(micro.get(2));
                boolean write = "write".equals(f) || "w".equals(f);
                if (!write && !"read".equals(f) && !"r".equals(f)) {
                    throw new IllegalArgumentException("a micro-op's f must be read (r) or write (w), found " + Values.show(f)
                            + " in " + op);
                }
                if (!write && (!readsKnown || v == null)) continue;
                Access a = accesses.computeIfAbsent(Values.normalize(micro.get(1)), k -> new Access());
                if (write) {
                    a.current = v;
                    a.wrote = true;
                } else if (a.wrote || a.read) {
                    // Seen already in this txn: the read must agree with it, whatever the state.
                    if (!Objects.equals(a.current, v)) txn.impossible = true;
                } else {
                    a.read = true;
                    a.readValue = v;
                    a.current = v;
                }
            }
            txn.registers = accesses.keySet().toArray();
            int reads = 0, writes = 0;
            for (Access a : accesses.values()) {
                if (a.read) reads++;
                if (a.wrote) writes++;
            }
            txn.reads = new int[reads];
            txn.readValues = new Object[reads];
            txn.readInitial = new Object[reads];
            txn.writes = new int[writes];
            txn.writeValues = new Object[writes];
            txn.writeInitial = new Object[writes];
            int r = 0, w = 0, i = 0;
            for (Map.Entry<Object, Access> e : accesses.entrySet()) {
                Access a = e.getValue();
                Object start = initial.get(e.getKey());
                if (a.read) {
                    txn.reads[r] = i;
                    txn.readValues[r] = a.readValue;
                    txn.readInitial[r++] = start;
                }
                if (a.wrote) {
                    txn.writes[w] = i;
                    txn.writeValues[w] = a.current;
                    txn.writeInitial[w++] = start;
                }
                i++;
            }
            return txn;
        }

        /** What one txn did to one register: its first read (before any write) and the last value it held. */
        private static final class Access {
            boolean read;
            Object readValue;
            boolean wrote;
            Object current;
        }

        void compile(int[] slotOfId, Object[] names) {
            readSlots = new int[reads.length];
            for (int i = 0; i < reads.length; i++) readSlots[i] = slotOfId[ids[reads[i]]];
            int n = writes.length;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> Integer.compare(slotOfId[ids[writes[a]]], slotOfId[ids[writes[b]]]));
            writeSlots = new int[n];
            Object[] sortedValues = new Object[n];
            boolean[] isInitial = new boolean[n];
            int kept = 0;
            for (int i = 0; i < n; i++) {
                int w = order[i];
                writeSlots[i] = slotOfId[ids[writes[w]]];
                sortedValues[i] = writeValues[w];
                isInitial[i] = Objects.equals(writeValues[w], writeInitial[w]);
                if (!isInitial[i]) kept++;
            }
            int[] slots = new int[kept];
            Object[] values = new Object[kept];
            for (int i = 0, j = 0; i < n; i++) {
                if (isInitial[i]) continue;
                slots[j] = writeSlots[i];
                values[j++] = sortedValues[i];
            }
            written = new Registers(slots, values, names);
        }
    }

    /**
     * Registers that differ from their initial values: sorted slots and their values. Equality ignores the
     * name table, which only serves {@link #describe}.
     */
    static final class Registers {
        static final Registers INITIAL = new Registers(new int[0], new Object[0], new Object[0]);

        final int[] slots;
        final Object[] values;
        final Object[] names;
        private final int hash;

        Registers(int[] slots, Object[] values, Object[] names) {
            this.slots = slots;
            this.values = values;
            this.names = names;
            int h = 1;
            for (int i = 0; i < slots.length; i++) h = 31 * (31 * h + slots[i]) + Objects.hashCode(values[i]);
            this.hash = h;
        }

        Object get(int slot, Object initial) {
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] == slot) return values[i];
                if (slots[i] > slot) break;
            }
            return initial;
        }

        Registers overwrite(Txn txn) {
            int[] writeSlots = txn.writeSlots;
            if (covers(writeSlots)) return txn.written;
            Registers w = txn.written;
            int[] mergedSlots = new int[slots.length + w.slots.length];
            Object[] mergedValues = new Object[mergedSlots.length];
            int n = 0, i = 0, j = 0, k = 0;
            // Walk the state, the txn's written slots (all of them) and its kept entries, all sorted.
            while (i < slots.length || j < w.slots.length) {
                int next = Math.min(i < slots.length ? slots[i] : Integer.MAX_VALUE, j < w.slots.length ? w.slots[j] : Integer.MAX_VALUE);
                while (k < writeSlots.length && writeSlots[k] < next) k++;
                if (j < w.slots.length && w.slots[j] == next) {
                    mergedSlots[n] = next;
                    mergedValues[n++] = w.values[j++];
                    if (i < slots.length && slots[i] == next) i++;
                } else {
                    // A state entry: kept unless the txn wrote that register (back to its initial value).
                    if (!(k < writeSlots.length && writeSlots[k] == next)) {
                        mergedSlots[n] = next;
                        mergedValues[n++] = values[i];
                    }
                    i++;
                }
            }
            return new Registers(Arrays.copyOf(mergedSlots, n), Arrays.copyOf(mergedValues, n), w.names);
        }

        /** Whether every slot this state holds is among the (sorted) slots written. */
        private boolean covers(int[] writeSlots) {
            int k = 0;
            for (int slot : slots) {
                while (k < writeSlots.length && writeSlots[k] < slot) k++;
                if (k == writeSlots.length || writeSlots[k] != slot) return false;
            }
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Registers r && r.hash == hash && Arrays.equals(r.slots, slots) && Arrays.equals(r.values, values);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < slots.length; i++) {
                if (i > 0) sb.append(", ");
                sb.append(Values.show(names.length > slots[i] ? names[slots[i]] : slots[i])).append(' ').append(Values.show(values[i]));
            }
            return sb.append('}').toString();
        }
    }
}
