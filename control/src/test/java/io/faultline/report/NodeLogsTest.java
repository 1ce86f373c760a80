package io.faultline.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NodeLogsTest {

    @Test
    void readsTheWallClockTimesLoggersWrite() {
        Instant at = Instant.parse("2026-12-02T14:50:10.067Z");
        assertThat(NodeLogs.time("2026-12-02T14:50:10.067Z n1 drops traffic from [n3]")).isEqualTo(at);
        assertThat(NodeLogs.time("{\"level\":\"info\",\"ts\":\"2026-12-02T15:50:10.067+0100\",\"msg\":\"x\"}")).isEqualTo(at);
        assertThat(NodeLogs.time("2026-12-02 14:50:10,067 INFO raft: x")).isEqualTo(at);
        assertThat(NodeLogs.time("{\"level\":\"info\",\"ts\":1796223010.067,\"msg\":\"x\"}")).isEqualTo(at);
        assertThat(NodeLogs.time("\tat io.faultline.Something(Something.java:12)")).isNull();
    }
}
