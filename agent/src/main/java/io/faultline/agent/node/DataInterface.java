package io.faultline.agent.node;

import java.util.List;

/** Finds the network interface that carries an address, so that faults can be confined to it. */
final class DataInterface {

    private DataInterface() {
    }

    /** The interface holding {@code address}, asked of {@code ip -o -4 addr show}; blocking. */
    static String holding(Shell shell, String address) {
        String listing = shell.check(List.of("ip", "-o", "-4", "addr", "show")).stdout();
        return parse(listing, address);
    }

    /**
     * Reads lines like {@code 20: eth1    inet 172.19.0.2/16 brd 172.19.255.255 scope global eth1}.
     *
     * @throws ShellException when no interface holds the address
     */
    static String parse(String listing, String address) {
        for (String line : listing.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 4 || !fields[2].equals("inet")) continue;
            String cidr = fields[3];
            int slash = cidr.indexOf('/');
            if ((slash < 0 ? cidr : cidr.substring(0, slash)).equals(address)) {
                // A veth shows up as eth1@if23 in some listings; iptables wants the bare name.
                String name = fields[1];
                int at = name.indexOf('@');
                return at < 0 ? name : name.substring(0, at);
            }
        }
        throw new ShellException("no interface of this node holds the data address " + address
                + " (FAULTLINE_DATA_ADDRESSES); `ip -o -4 addr show` lists:\n" + listing.strip());
    }
}
