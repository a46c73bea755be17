package io.homefleet.provisioning.pxe;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 network in CIDR notation ({@code 192.168.1.0/24}), the shape {@code pxe.subnet} takes. dnsmasq's
 * proxy-DHCP range is written with the network address and the netmask, both derived here.
 */
public record Ipv4Subnet(int network, int prefixLength) {

    public Ipv4Subnet {
        if (prefixLength < 1 || prefixLength > 32) {
            throw new IllegalArgumentException("a subnet's prefix length is 1 to 32, not " + prefixLength);
        }
        network &= mask(prefixLength);
    }

    /** Parses {@code a.b.c.d/n}; host bits set in the address are an error, since they usually mean a typo. */
    public static Ipv4Subnet parse(String cidr) {
        if (cidr == null || cidr.isBlank()) {
            throw new IllegalArgumentException("pxe.subnet is empty; write the LAN in CIDR notation, e.g. 192.168.1.0/24");
        }
        String text = cidr.strip();
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("pxe.subnet '" + text + "' has no prefix length; write e.g. "
                    + text + "/24");
        }
        int address = parseAddress(text.substring(0, slash), text);
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pxe.subnet '" + text + "' has no numeric prefix length");
        }
        Ipv4Subnet subnet = new Ipv4Subnet(address, prefix);
        if (subnet.network() != address) {
            throw new IllegalArgumentException("pxe.subnet '" + text + "' has host bits set; the network is "
                    + subnet);
        }
        return subnet;
    }

    /** Parses a dotted-quad IPv4 address (no name lookup). */
    public static int parseAddress(String dotted, String context) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + context + "' is not an IPv4 address in dotted-quad form");
        }
        int value = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = part.length() > 0 && part.length() <= 3 && part.chars().allMatch(Character::isDigit)
                        ? Integer.parseInt(part) : -1;
            } catch (NumberFormatException e) {
                octet = -1;
            }
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("'" + context + "' is not an IPv4 address in dotted-quad form");
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    public static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    private static int mask(int prefixLength) {
        return prefixLength == 32 ? -1 : ~(-1 >>> prefixLength);
    }

    public String networkAddress() {
        return format(network);
    }

    public String netmask() {
        return format(mask(prefixLength));
    }

    public boolean contains(InetAddress address) {
        return address instanceof Inet4Address v4 && contains(toInt(v4));
    }

    public boolean contains(int address) {
        return (address & mask(prefixLength)) == network;
    }

    static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    static InetAddress toInet(int address) {
        try {
            return InetAddress.getByAddress(new byte[] {
                    (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    @Override
    public String toString() {
        return networkAddress() + "/" + prefixLength;
    }
}
