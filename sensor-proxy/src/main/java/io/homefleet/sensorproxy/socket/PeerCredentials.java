package io.homefleet.sensorproxy.socket;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The kernel-verified uid and gid of the process at the other end of a Unix socket (SO_PEERCRED).
 *
 * <p>The JDK hands out user and group <em>principals</em>, not numbers. For an id with no passwd/group
 * entry — every uid of an ID-mapped LXC, e.g. 100000 — the principal's name is the number itself. For a named
 * user, OpenJDK's principal hashes to its numeric id; {@link #selfCheck()} proves that on the running JVM at
 * startup (root must resolve to 0), so a JDK that behaves differently stops the daemon instead of
 * misattributing callers.
 */
public record PeerCredentials(int uid, int gid) {

    public static PeerCredentials of(SocketChannel channel) throws IOException {
        UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return new PeerCredentials(id(principal.user()), id(principal.group()));
    }

    static int id(UserPrincipal principal) {
        String name = principal.getName();
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(name);
        }
        for (Class<?> c = principal.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("sun.nio.fs.UnixUserPrincipals$User")) { // groups subclass it
                return principal.hashCode();
            }
        }
        throw new IllegalStateException("cannot tell the numeric id of peer '" + name + "' on this JVM");
    }

    /** Fails when this JVM's principals do not resolve names to ids the way {@link #id} relies on. */
    public static void selfCheck() throws IOException {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal root = lookup.lookupPrincipalByName("root");
        GroupPrincipal rootGroup = lookup.lookupPrincipalByGroupName("root");
        if (id(root) != 0 || id(rootGroup) != 0) {
            throw new IllegalStateException("this JVM does not expose numeric ids of socket peers; refusing to guess");
        }
    }
}
