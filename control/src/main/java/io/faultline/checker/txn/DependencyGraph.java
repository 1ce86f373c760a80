package io.faultline.checker.txn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The dependency graph between transactions, as int arrays: nodes {@code 0..txns-1} are transactions, the nodes after
 * them are realtime's virtual nodes; each edge is a target and a type bit. Built in compressed-sparse-row form, so a
 * node's out-edges are {@code to[start[v]..start[v+1])}.
 *
 * <p>Realtime order is an interval order, and drawing its edges directly takes up to concurrency-many per transaction.
 * Instead every ok completion leads to a virtual node, the virtual nodes form a chain in completion order, and a
 * virtual node leads to the transactions invoked after it: T1 reaches T2 through virtual nodes exactly when T1
 * completed before T2 was invoked, with three edges per transaction. Only the {@link #REALTIME} edge out of a
 * transaction counts as a step of a cycle; {@link #VIRTUAL} edges cost nothing.
 */
final class DependencyGraph {
    static final byte WW = 1, WR = 2, RW = 4, PROCESS = 8, REALTIME = 16, VIRTUAL = 32;

    final int txns;
    final int nodes;
    int[] start;
    int[] to;
    byte[] type;

    private int[] edgeFrom = new int[1 << 10];
    private int[] edgeTo = new int[1 << 10];
    private byte[] edgeType = new byte[1 << 10];
    private int edges;

    DependencyGraph(int txns, int virtualNodes) {
        this.txns = txns;
        this.nodes = txns + virtualNodes;
    }

    static String typeName(byte type) {
        return switch (type) {
            case WW -> "ww";
            case WR -> "wr";
            case RW -> "rw";
            case PROCESS -> "process";
            case REALTIME -> "realtime";
            default -> "virtual";
        };
    }

    void add(int from, int to, byte type) {
        if (edges == edgeFrom.length) {
            int c = edges * 2;
            edgeFrom = Arrays.copyOf(edgeFrom, c);
            edgeTo = Arrays.copyOf(edgeTo, c);
            edgeType = Arrays.copyOf(edgeType, c);
        }
        edgeFrom[edges] = from;
        edgeTo[edges] = to;
        edgeType[edges] = type;
        edges++;
    }

    int edgeCount() {
        return edges;
    }

    /** Sorts the edges by source (a counting sort) and drops the edge lists. */
    void freeze() {
        start = new int[nodes + 1];
        for (int i = 0; i < edges; i++) start[edgeFrom[i] + 1]++;
        for (int v = 0; v < nodes; v++) start[v + 1] += start[v];
        int[] fill = Arrays.copyOf(start, nodes);
        to = new int[edges];
        type = new byte[edges];
        for (int i = 0; i < edges; i++) {
            int at = fill[edgeFrom[i]]++;
            to[at] = edgeTo[i];
            type[at] = edgeType[i];
        }
        edgeFrom = null;
        edgeTo = null;
        edgeType = null;
    }

    /**
     * The strongly connected components with more than one node (Tarjan's algorithm, with its recursion as arrays so
     * that millions of nodes cannot overflow the stack). Every cycle lies inside one of them.
     */
    List<int[]> cyclicComponents() {
        int[] index = new int[nodes];
        Arrays.fill(index, -1);
        int[] low = new int[nodes];
        boolean[] onStack = new boolean[nodes];
        int[] stack = new int[nodes];
        int[] callNode = new int[nodes];
        int[] callEdge = new int[nodes];
        int sp = 0;
        int counter = 0;
        List<int[]> components = new ArrayList<>();
        for (int root = 0; root < nodes; root++) {
            if (index[root] != -1) continue;
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = start[root];
            index[root] = low[root] = counter++;
            stack[sp++] = root;
            onStack[root] = true;
            depth = 1;
            while (depth > 0) {
                int v = callNode[depth - 1];
                int e = callEdge[depth - 1];
                if (e < start[v + 1]) {
                    callEdge[depth - 1] = e + 1;
                    int w = to[e];
                    if (index[w] == -1) {
                        index[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        callNode[depth] = w;
                        callEdge[depth] = start[w];
                        depth++;
                    } else if (onStack[w] && index[w] < low[v]) {
                        low[v] = index[w];
                    }
                    continue;
                }
                depth--;
                if (low[v] == index[v]) {
                    int from = sp;
                    do {
                        from--;
                        onStack[stack[from]] = false;
                    } while (stack[from] != v);
                    if (sp - from > 1) components.add(Arrays.copyOfRange(stack, from, sp));
                    sp = from;
                }
                if (depth > 0) {
                    int parent = callNode[depth - 1];
                    if (low[v] < low[parent]) low[parent] = low[v];
                }
            }
        }
        return components;
    }
}
