package io.faultline.checker.linearizable;

/**
 * Sorting ints by a comparator without boxing them. Histories arrive nearly in time order, so the input is
 * first checked: already sorted costs one pass; otherwise a merge sort (stable).
 */
final class IntOrder {
    interface Comparator {
        int compare(int a, int b);
    }

    private IntOrder() {
    }

    static int[] sort(int[] items, Comparator order) {
        if (isSorted(items, order)) return items;
        int[] from = items.clone();
        int[] to = new int[items.length];
        for (int width = 1; width < from.length; width *= 2) {
            for (int lo = 0; lo < from.length; lo += 2 * width) {
                int mid = Math.min(lo + width, from.length);
                int hi = Math.min(lo + 2 * width, from.length);
                int i = lo, j = mid, k = lo;
                while (i < mid && j < hi) to[k++] = order.compare(from[j], from[i]) < 0 ? from[j++] : from[i++];
                while (i < mid) to[k++] = from[i++];
                while (j < hi) to[k++] = from[j++];
            }
            int[] swap = from;
            from = to;
            to = swap;
        }
        return from;
    }

    private static boolean isSorted(int[] items, Comparator order) {
        for (int i = 1; i < items.length; i++) if (order.compare(items[i - 1], items[i]) > 0) return false;
        return true;
    }
}
