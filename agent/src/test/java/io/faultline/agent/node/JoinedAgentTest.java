package io.faultline.agent.node;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JoinedAgentTest {

    @Test
    void anAddressIsGivenAsItselfASubnetOrAnInterface() throws Exception {
        assertThat(JoinedAgent.address("--data", "127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(JoinedAgent.address("--data", "127.0.0.0/8")).isEqualTo("127.0.0.1");
        assertThat(JoinedAgent.address("--advertise", "lo")).isEqualTo("127.0.0.1");
    }

    @Test
    void aSubnetThisMachineHasNoAddressInIsNamed() {
        assertThatThrownBy(() -> JoinedAgent.address("--data", "203.0.113.0/24"))
                .hasMessage("--data 203.0.113.0/24: no interface of this machine has an address in that subnet");
    }

    @Test
    void aBadTokenEndsTheAgentWithOneLineBeforeItContactsAnyone() {
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new JoinedAgent()).setErr(new PrintWriter(err));
        // Port 9 (discard) on loopback: nothing answers there, and the agent must not even try.
        int exit = cli.execute("--join", "127.0.0.1:9", "--token", "not-a-token", "--node", "n1", "--advertise", "127.0.0.1:5701");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("faultline agent n1: --token: not a Faultline join token (expected fl1.<expiry>.<nonce>.<pin>.<mac>)");
    }
}
