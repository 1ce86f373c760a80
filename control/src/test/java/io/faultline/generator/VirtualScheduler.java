package io.faultline.generator;

import java.util.PriorityQueue;

/** Virtual time for tests and simulations: {@link #run} executes the tasks in time order, jumping from one to the next. */
public final class VirtualScheduler implements Scheduler {

    // seq keeps tasks due at the same time in the order they were scheduled.
    private record Task(long time, long seq, Runnable action) implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long now;
    private long scheduled;

    @Override
    public long now() {
        return now;
    }

    @Override
    public void at(long nanos, Runnable task) {
        tasks.add(new Task(Math.max(nanos, now), scheduled++, task));
    }

    /** Runs tasks, including those they schedule, until none is left. */
    public void run() {
        Task task;
        while ((task = tasks.poll()) != null) {
            now = task.time;
            task.action.run();
        }
    }

    /** The number of tasks not run yet. */
    public int pending() {
        return tasks.size();
    }
}
