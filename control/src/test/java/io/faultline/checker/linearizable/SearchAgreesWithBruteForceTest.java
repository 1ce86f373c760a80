package io.faultline.checker.linearizable;

import io.faultline.checker.CheckResult;
import io.faultline.checker.OpPairs;
import io.faultline.checker.Verdict;
import io.faultline.checker.model.Model;
import io.faultline.checker.model.Models;
import io.faultline.checker.model.Operation;
import io.faultline.history.FailedCas;
import io.faultline.history.History;
import io.faultline.history.Op;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search's shortcuts (indeterminate ops placed only where observed, twins as one, process order where
 * widened intervals overlap, the short set signatures) must never change a verdict. Small random histories,
 * full of indeterminate ops with repeated values, are judged by a plain exhaustive search that knows none
 * of them.
 */
class SearchAgreesWithBruteForceTest {
    /** Registers may start at nil or 0: the search must try both, as the exhaustive one does. */
    private static final List<Object> STARTS = java.util.Arrays.asList(null, 0L);

    @ParameterizedTest(name = "{0}, overlapping processes: {1}")
    @CsvSource({"register, false", "register, true", "cas-register, false", "cas-register, true",
            "fifo-queue, false", "fifo-queue, true", "set, false", "mutex, false"})
    void searchGivesTheVerdictOfAnExhaustiveSearch(String modelName, boolean overlapping) {
        SplittableRandom random = new SplittableRandom(modelName.hashCode() * 31L + (overlapping ? 1 : 0));
        int valid = 0, invalid = 0;
        for (int round = 0; round < Integer.getInteger("rounds", 3000); round++) {
            History history = randomHistory(modelName, overlapping, random);
            Model model = Models.byName(modelName, FailedCas.COMPARE_FAILED, STARTS);
            boolean expected = bruteForce(model, history);
            CheckResult result = new LinearizabilityChecker(Models.byName(modelName, FailedCas.COMPARE_FAILED, STARTS), Duration.ofSeconds(10)).check(history);
            assertThat(result.valid()).as("round %d: %s", round, history.ops().stream().map(o -> o.time() + ":" + o).toList()).isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
            if (expected) valid++;
            else invalid++;
        }
        // Both verdicts must be well represented, or the comparison proves little.
        assertThat(valid).as("valid histories").isGreaterThan(300);
        assertThat(invalid).as("invalid histories").isGreaterThan(300);
    }

    private static History randomHistory(String model, boolean overlapping, SplittableRandom random) {
        List<Op> ops = new ArrayList<>();
        int processes = 2 + random.nextInt(2);
        int nextProcess = processes;
        for (int p = 0; p < processes; p++) {
            int process = p;
            long clock = 100 + random.nextInt(5); // well above 0: a negative time would read as none
            int count = 2 + random.nextInt(Integer.getInteger("ops", 3));
            for (int k = 0; k < count; k++) {
                Object[] fv = randomOp(model, random);
                String f = (String) fv[0];
                long end = clock + 1 + random.nextInt(10);
                ops.add(Op.invoke(process, f, fv[1]).withTime(clock));
                int dice = random.nextInt(10);
                if (dice < 2) {
                    ops.add(Op.info(process, f, fv[1]).withTime(end));
                    process = nextProcess++;
                } else if (dice < 3) {
                    Op failed = Op.fail(process, f, fv[1]).withTime(end);
                    ops.add(random.nextBoolean() ? failed : failed.withError(Op.COMPARE_FAILED));
                } else {
                    ops.add(Op.ok(process, f, fv[2]).withTime(end));
                }
                // Widened intervals: the next op of a process may start on the timeline before this one ended.
                clock = overlapping ? end - random.nextInt(4) : end + random.nextInt(3);
            }
        }
        return History.of(ops.toArray(new Op[0])).inTimeOrder();
    }

    /** {f, invoked value, completed value}. */
    private static Object[] randomOp(String model, SplittableRandom random) {
        long v = random.nextInt(3);
        Object seen = random.nextInt(4) == 0 ? null : (Object) (long) random.nextInt(3);
        return switch (model) {
            case "register", "cas-register" -> switch (random.nextInt(model.equals("cas-register") ? 3 : 2)) {
                case 0 -> new Object[] {"read", null, seen};
                case 1 -> new Object[] {"write", v, v};
                default -> {
                    List<Long> fromTo = List.of(v, (long) random.nextInt(3));
                    yield new Object[] {"cas", fromTo, fromTo};
                }
            };
            case "fifo-queue" -> random.nextBoolean() ? new Object[] {"enqueue", v, v} : new Object[] {"dequeue", null, seen};
            case "set" -> random.nextBoolean() ? new Object[] {"add", v, v}
                    : new Object[] {"read", null, random.nextBoolean() ? List.of() : List.of(v, (long) random.nextInt(3))};
            case "mutex" -> new Object[] {random.nextBoolean() ? "acquire" : "release", null, null};
            default -> throw new IllegalArgumentException(model);
        };
    }

    /** Every order of every subset of indeterminate ops with all completed ones, under real time and process order. */
    private static boolean bruteForce(Model model, History history) {
        List<Operation> ops = new ArrayList<>();
        for (OpPairs.Pair pair : OpPairs.of(history)) {
            Operation op = new Operation(pair);
            if (model.prepare(op)) ops.add(op);
        }
        for (Object start : model.initialStates()) if (search(model, ops, start, new boolean[ops.size()])) return true;
        return false;
    }

    private static boolean search(Model model, List<Operation> ops, Object state, boolean[] done) {
        boolean all = true;
        for (int i = 0; i < ops.size(); i++) if (!done[i] && !ops.get(i).isIndeterminate()) all = false;
        if (all) return true;
        for (int i = 0; i < ops.size(); i++) {
            if (done[i] || !mayGoNext(ops, done, i)) continue;
            Object next = model.step(state, ops.get(i));
            if (next == Model.INCONSISTENT) continue;
            done[i] = true;
            boolean found = search(model, ops, next, done);
            done[i] = false;
            if (found) return true;
        }
        return false;
    }

    private static boolean mayGoNext(List<Operation> ops, boolean[] done, int i) {
        Operation candidate = ops.get(i);
        for (int j = 0; j < ops.size(); j++) {
            if (done[j] || j == i) continue;
            Operation other = ops.get(j);
            if (other.isIndeterminate()) continue;
            boolean returnedBefore = other.completion.time() < candidate.invoke.time();
            boolean earlierOfSameProcess = other.invoke.process() == candidate.invoke.process() && other.invokeAt < candidate.invokeAt;
            if (returnedBefore || earlierOfSameProcess) return false;
        }
        return true;
    }
}
