package io.homefleet.provisioning.join;

import io.homefleet.provisioning.keys.SecurityProviders;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.SocketAddress;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;

/**
 * The one MINA SSH client every join uses (its I/O threads and algorithm set up once, not per host). Each connection
 * carries the host keys it may accept in its connection context, so the client-wide verifier checks each host
 * against its own pinned keys.
 */
@ApplicationScoped
public class HostSshClient {
    private static final AttributeRepository.AttributeKey<Pinning> PINNING = new AttributeRepository.AttributeKey<>();

    /** The keys one connection may accept, and the fingerprint of a key it refused. */
    private record Pinning(Set<String> keys, AtomicReference<String> refused) {
    }

    private SshClient client;

    @PostConstruct
    void start() {
        SecurityProviders.ensureOwnBouncyCastle();
        client = SshClient.setUpDefaultClient();
        // Hermetic: never ~/.ssh/config or ~/.ssh/id_* of whoever runs the service.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setKeyExchangeFactories(classicalFirst(client.getKeyExchangeFactories()));
        client.setCipherFactories(hardwareAesFirst(client.getCipherFactories()));
        client.setServerKeyVerifier((ClientSession session, SocketAddress remote, PublicKey key) -> {
            Pinning pinning = session.getConnectionContext() == null ? null
                    : session.getConnectionContext().getAttribute(PINNING);
            if (pinning != null && pinning.keys().contains(PublicKeyEntry.toString(key))) {
                return true;
            }
            if (pinning != null) {
                pinning.refused().set(KeyUtils.getFingerPrint(key));
            }
            return false;
        });
        client.start();
    }

    @PreDestroy
    void stop() {
        client.stop();
    }

    /**
     * Puts curve25519 ahead of the post-quantum hybrids: MINA's pure-Java sntrup761 allocates about half a gigabyte
     * and a quarter of a CPU second per handshake, which fifty joins at once turn into seconds of stall. The hybrids
     * stay in the list for servers that offer nothing else.
     */
    static List<KeyExchangeFactory> classicalFirst(List<KeyExchangeFactory> factories) {
        List<KeyExchangeFactory> ordered = new ArrayList<>(factories);
        ordered.sort(Comparator.comparingInt(f -> f.getName().contains("sntrup") || f.getName().contains("mlkem") ? 1 : 0));
        return ordered;
    }

    /**
     * Puts AES-GCM (which the JDK runs on the CPU's AES instructions) ahead of MINA's pure-Java ChaCha20-Poly1305,
     * the first choice otherwise; OpenSSH offers both.
     */
    static List<NamedFactory<Cipher>> hardwareAesFirst(List<NamedFactory<Cipher>> factories) {
        List<NamedFactory<Cipher>> ordered = new ArrayList<>(factories);
        ordered.sort(Comparator.comparingInt(f -> f.getName().contains("-gcm@") ? 0 : f.getName().startsWith("chacha") ? 2 : 1));
        return ordered;
    }

    /**
     * Connects as root and authenticates with {@code identity}. A host key that is not one of {@code pinnedHostKeys}
     * ("ssh-ed25519 AAAA..." lines) fails with a {@link StepFailed} naming the key presented.
     */
    public HostSsh connect(String host, int port, KeyPair identity, Set<String> pinnedHostKeys, Duration connectTimeout,
            Duration commandTimeout) throws StepFailed {
        Pinning pinning = new Pinning(Set.copyOf(pinnedHostKeys), new AtomicReference<>());
        ClientSession session = null;
        try {
            session = client.connect("root", host, port, AttributeRepository.ofKeyValuePair(PINNING, pinning), null)
                    .verify(connectTimeout.toMillis()).getSession();
            session.addPublicKeyIdentity(identity);
            session.auth().verify(connectTimeout.toMillis());
            return new HostSsh(session, commandTimeout);
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            if (pinning.refused().get() != null) {
                throw new StepFailed("connect", "host key of " + host + ":" + port + " (" + pinning.refused().get()
                        + ") is not the one the installer reported; refusing to connect (someone in the middle, or "
                        + "another machine at that address)", null, null);
            }
            throw new StepFailed("connect", "cannot log in to " + host + ":" + port + " with the ephemeral key: "
                    + e.getMessage(), null, null);
        }
    }
}
