package io.faultline.provision.docker;

import java.util.Optional;

/** An IPv4 network in CIDR form, just enough to tell whether two Docker networks would overlap. */
record Ipv4Subnet(int base, int prefix) {

    Ipv4Subnet {
        if (prefix < 0 || prefix > 32) throw new IllegalArgumentException("prefix length " + prefix + " is not 0..32");
        base &= mask(prefix);
    }

    /** Empty for IPv6 or anything else that is not {@code a.b.c.d/n}: such a network cannot overlap ours. */
    static Optional<Ipv4Subnet> parse(String cidr) {
        if (cidr == null) return Optional.empty();
        String[] parts = cidr.strip().split("/");
        if (parts.length != 2) return Optional.empty();
        String[] octets = parts[0].split("\\.");
        if (octets.length != 4) return Optional.empty();
        try {
            int address = 0;
            for (String octet : octets) {
                int value = Integer.parseInt(octet);
                if (value < 0 || value > 255) return Optional.empty();
                address = address << 8 | value;
            }
            return Optional.of(new Ipv4Subnet(address, Integer.parseInt(parts[1])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    boolean overlaps(Ipv4Subnet other) {
        int common = mask(Math.min(prefix, other.prefix));
        return (base & common) == (other.base & common);
    }

    /** The address {@code offset} past the network address, e.g. offset 1 of 10.213.7.0/24 is 10.213.7.1. */
    String host(int offset) {
        return dotted(base + offset);
    }

    @Override
    public String toString() {
        return dotted(base) + "/" + prefix;
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static String dotted(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
    }
}
