package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

import java.util.Map;

/**
 * The volume that keeps {@code db.archive} downloads between runs: node containers are new every run, so a cache inside
 * them would never be hit. Labelled as a cache, not with a run, so that teardown and leftover removal keep it; remove it
 * with {@code docker volume rm faultline-archive-cache}.
 */
final class ArchiveCacheVolume {

    private ArchiveCacheVolume() {
    }

    /** Creates the volume unless it exists; returns its name. */
    static String ensure(DockerClient client) {
        try {
            client.inspectVolumeCmd(Labels.ARCHIVE_CACHE_VOLUME).exec();
        } catch (NotFoundException e) {
            client.createVolumeCmd().withName(Labels.ARCHIVE_CACHE_VOLUME).withLabels(Map.of(Labels.CACHE, "archives")).exec();
        }
        return Labels.ARCHIVE_CACHE_VOLUME;
    }
}
