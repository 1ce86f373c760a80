package io.faultline.config;

import io.faultline.plugin.PluginJars;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses, before a run, every setting that the chosen provider and its database would not honour: a config
 * never promises more than the code does. Binding accepts them (a stored run's config still loads for
 * {@code check}); running refuses them with one line naming the field and what would honour it. The issues that
 * build start lines and services lift these refusals one by one.
 */
public final class Honoured {

    /** The service whose address the patroni db gives Patroni as its ZooKeeper. */
    public static final String PATRONI_DCS = "zookeeper";

    private Honoured() {
    }

    public static void check(TestConfig config, Vocabulary vocabulary) throws ConfigException {
        String provider = config.cluster().provider();
        List<String> runs = vocabulary.providers().get(provider);
        DbConfig db = config.db();
        if (!runs.contains(db.name())) {
            throw new ConfigException("db.name", "'" + db.name() + "' does not run with provider " + provider + ", which runs "
                    + String.join(", ", runs) + "; " + elsewhere(db.name(), vocabulary));
        }
        if (db.archive() != null && db.name().equals(DbConfig.SIM)) {
            throw new ConfigException("db.archive", "the simulated store installs nothing; db.archive installs etcd on node"
                    + " containers (cluster.provider: docker, db.name: etcd); remove db.archive");
        }
        if (db.archive() != null && db.name().equals(DbConfig.PATRONI)) {
            throw new ConfigException("db.archive", "patroni runs the node image's PostgreSQL and Patroni (image"
                    + " faultline/node-patroni); db.archive installs etcd only; remove db.archive");
        }
        if (db.version() != null && db.name().equals(DbConfig.PATRONI)) {
            throw new ConfigException("db.version", "patroni runs the PostgreSQL of its node image, whatever the version;"
                    + " remove db.version");
        }
        if (db.replication() != null && !db.name().equals(DbConfig.PATRONI)) {
            throw new ConfigException("db.replication", "only db.name: patroni reads it; db.name is " + db.name());
        }
        if (db.name().equals(DbConfig.PATRONI) && config.services().stream().noneMatch(s -> s.name().equals(PATRONI_DCS))) {
            throw new ConfigException("services", "patroni keeps its cluster state in ZooKeeper, which runs as the service named "
                    + PATRONI_DCS + "; add services: [{name: " + PATRONI_DCS + ", image: faultline/zookeeper, build: ../services/zookeeper}]");
        }
        if (db.name().equals(DbConfig.PATRONI) && config.nemesis().faults().contains("clock")) {
            throw new ConfigException("nemesis.faults", "the clock fault shifts time through libfaketime, which Patroni and"
                    + " PostgreSQL (run as the postgres user) do not load; remove clock or use db etcd");
        }
        for (Vocabulary.FaultKeys family : vocabulary.faults()) {
            if (config.nemesis().faults().contains(family.name())) family.honoured(config.nemesis().settings().get(family.name()), config);
        }
        if (db.archive() != null && db.archive().format() == null) {
            throw new ConfigException("db.archive.url", "does not end in " + String.join(", ", ArchiveConfig.FORMATS)
                    + ", which is how the agent tells how to extract it");
        }
        if (db.start() != null) {
            throw new ConfigException("db.start", "neither etcd nor patroni (provider docker) nor sim (provider local) takes a start line;"
                    + " remove db.start");
        }
        if (db.ready() != null && (db.ready().tcp() != null || db.ready().http() != null)) {
            throw new ConfigException(db.ready().tcp() != null ? "db.ready.tcp" : "db.ready.http", "etcd is ready when its"
                    + " /health on the client port says so, and sim at once; only db.ready.timeout is honoured");
        }
        for (String bug : db.bugs()) {
            List<String> workloads = vocabulary.workloadBugs().get(bug);
            if (workloads != null && !workloads.contains(config.workload().name())) {
                throw new ConfigException("db.bugs", "'" + bug + "' changes only transactions, which the " + config.workload().name()
                        + " workload does not run; use workload " + String.join(" or ", workloads) + ", or remove the bug");
            }
        }
        if (!db.logs().isEmpty() && db.name().equals(DbConfig.SIM)) {
            throw new ConfigException("db.logs", "the simulated store keeps its own log; db.logs is collected from etcd's nodes"
                    + " (provider docker)");
        }
        if (!provider.equals("docker") && !config.services().isEmpty()) {
            throw new ConfigException("services", "only provider docker starts services (as containers on the data network);"
                    + " cluster.provider is " + provider);
        }
        if (!provider.equals("docker") && (config.cluster().leaveRunning()
                || !config.cluster().image().equals(ClusterConfig.DEFAULT_IMAGE))) {
            throw new ConfigException(config.cluster().leaveRunning() ? "cluster.leave-running" : "cluster.image",
                    "only provider docker reads it; cluster.provider is " + provider);
        }
        if (provider.equals(ClusterConfig.EXTERNAL) && !config.plugins().isEmpty()) {
            throw new ConfigException("plugins", "agents on other machines load clients from their own class path; put the"
                    + " plugin's jars there (java -cp faultline-agent.jar:plugin.jar ...) and remove plugins");
        }
        for (int i = 0; i < config.plugins().size(); i++) {
            try {
                PluginJars.of(config.plugins().get(i));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("plugins[" + i + "]", e.getMessage());
            }
        }
        if (!provider.equals(ClusterConfig.EXTERNAL) && config.cluster().join() != null) {
            throw new ConfigException("cluster.join", "only provider external reads it; cluster.provider is " + provider);
        }
    }

    private static String elsewhere(String db, Vocabulary vocabulary) {
        List<String> where = new ArrayList<>();
        vocabulary.providers().forEach((provider, dbs) -> where.addAll(dbs.contains(db) ? List.of(provider) : List.of()));
        return where.isEmpty() ? "no provider runs '" + db + "' yet" : "use cluster.provider: " + String.join(" or ", where) + " for " + db;
    }
}
