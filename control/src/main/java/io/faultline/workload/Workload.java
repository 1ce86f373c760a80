package io.faultline.workload;

import io.faultline.checker.Checker;
import io.faultline.generator.Generator;

import java.util.List;
import java.util.Map;

/**
 * What a test does to the system, Jepsen's triple: the operations (a generator), the client options that
 * tell the client how to perform them, and the checkers that judge the history.
 */
public interface Workload {

    String name();

    /** The client operations of the main phase; the run adds the rate, the time limit and the nemesis. */
    Generator generator(WorkloadContext context);

    /** Operations after every fault is healed and the cluster has recovered (final reads); null for none. */
    Generator finalGenerator(WorkloadContext context);

    List<Checker> checkers(WorkloadContext context);

    /** Options every client of this workload is opened with, e.g. {@code data-type: set} for the simulated store. */
    Map<String, Object> clientOptions();
}
