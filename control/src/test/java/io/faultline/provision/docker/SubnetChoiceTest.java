package io.faultline.provision.docker;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubnetChoiceTest {

    @Test
    void subnetChoiceSkipsEveryOverlapOnEitherNetwork() {
        List<Ipv4Subnet> taken = List.of(subnet("10.213.5.0/24"), subnet("10.214.6.0/24"), subnet("172.17.0.0/16"));

        assertThat(RunNetworks.freeThirdOctet(taken, 5)).hasValue(7);
        assertThat(RunNetworks.freeThirdOctet(List.of(subnet("10.214.0.0/17")), 3)).hasValue(128);
        assertThat(RunNetworks.freeThirdOctet(List.of(subnet("10.214.128.0/17")), 200)).hasValue(0);
        assertThat(RunNetworks.freeThirdOctet(List.of(subnet("10.0.0.0/8")), 0)).isEmpty();
    }

    @Test
    void subnetsOtherThanIpv4AreNotInTheWay() {
        assertThat(Ipv4Subnet.parse("fd00:dead:beef::/48")).isEmpty();
        assertThat(Ipv4Subnet.parse("10.213.7.0/24")).hasValueSatisfying(s -> {
            assertThat(s.host(11)).isEqualTo("10.213.7.11");
            assertThat(s.overlaps(subnet("10.213.7.128/25"))).isTrue();
            assertThat(s.overlaps(subnet("10.213.8.0/24"))).isFalse();
        });
    }

    private static Ipv4Subnet subnet(String cidr) {
        return Ipv4Subnet.parse(cidr).orElseThrow();
    }
}
