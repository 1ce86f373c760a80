package io.faultline.agent.etcd;

import io.faultline.spi.ClientFactory;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class EtcdClientFactoryTest {

    @Test
    void theAgentFindsTheEtcdClientBesideTheOthers() {
        assertThat(ServiceLoader.load(ClientFactory.class).stream().map(p -> p.get().name()))
                .contains("etcd", "sim", "noop");
    }
}
