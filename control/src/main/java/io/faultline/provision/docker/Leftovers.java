package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Removes containers and networks that runs left behind, found by their {@code faultline.run} label: containers
 * first, since Docker does not remove a network that still has containers on it.
 */
public final class Leftovers {
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    /** What a sweep removed. */
    public record Removed(int containers, int networks) {
        public boolean isEmpty() {
            return containers == 0 && networks == 0;
        }
    }

    private Leftovers() {
    }

    /**
     * What runs whose control process is gone left behind (crashed, killed, or kept with {@code leave-running}), except
     * clusters that {@code faultline up} left for {@code faultline down}.
     * Runs of a live process on this machine are kept, and so are runs of other machines sharing the daemon,
     * whose processes cannot be checked from here: a run starting must not pull the nodes out from under
     * another run going on at the same time, such as a parallel CI job.
     */
    public static Removed removeAbandoned(DockerClient client) {
        return remove(client, "abandoned runs", Leftovers::abandoned);
    }

    /** Everything one run created. */
    public static Removed removeRun(DockerClient client, String runId) {
        return remove(client, "run " + runId, labels -> runId.equals(labels.get(Labels.RUN)));
    }

    static boolean abandoned(Map<String, String> labels) {
        if (labels.containsKey(Labels.KEPT)) return false;
        String owner = labels.get(Labels.OWNER);
        if (owner == null) return true;
        int slash = owner.lastIndexOf('/');
        if (slash < 0 || !owner.substring(0, slash).equals(Labels.thisHost())) return false;
        try {
            long pid = Long.parseLong(owner.substring(slash + 1));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static Removed remove(DockerClient client, String what, Predicate<Map<String, String>> matches) {
        int containers = 0;
        for (Container container : client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(Labels.RUN)).exec()) {
            if (!matches.test(labelsOf(container.getLabels()))) continue;
            try {
                client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
                containers++;
            } catch (NotFoundException e) {
                // Removed meanwhile, e.g. by the run's own stop.
            } catch (DockerException e) {
                cannotRemove("container " + container.getId(), e);
            }
        }
        int networks = 0;
        for (Network network : client.listNetworksCmd().withFilter("label", List.of(Labels.RUN)).exec()) {
            if (!matches.test(labelsOf(network.getLabels()))) continue;
            try {
                client.removeNetworkCmd(network.getId()).exec();
                networks++;
            } catch (NotFoundException e) {
                // Removed meanwhile.
            } catch (DockerException e) {
                cannotRemove("network " + network.getName(), e);
            }
        }
        Removed removed = new Removed(containers, networks);
        if (!removed.isEmpty()) LOG.info("removed {} containers and {} networks left by {}", containers, networks, what);
        return removed;
    }

    // One stuck leftover (say, a network a stranger's container still uses) must not stop every later run.
    private static void cannotRemove(String what, DockerException e) {
        LOG.warn("cannot remove leftover {}: {}", what, String.valueOf(e.getMessage()).strip());
    }

    private static Map<String, String> labelsOf(Map<String, String> labels) {
        return Optional.ofNullable(labels).orElse(Map.of());
    }
}
