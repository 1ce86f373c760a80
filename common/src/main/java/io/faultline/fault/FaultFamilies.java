package io.faultline.fault;

import java.util.List;

/** Every fault family, registered once, in the order users see them: adding a family is one line here. */
public final class FaultFamilies {
    public static final List<FaultFamily<?>> ALL = List.of(
            new PartitionFamily(), ProcessFamily.KILL, ProcessFamily.PAUSE, new ClockFamily(), new PacketFamily());

    private FaultFamilies() {
    }

    public static FaultFamily<?> byName(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown fault '" + name + "'; allowed: " + names()));
    }

    public static List<String> names() {
        return ALL.stream().map(FaultFamily::name).toList();
    }
}
