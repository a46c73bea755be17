package io.homefleet.sensorproxy.ssh;

import io.homefleet.common.file.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The proxy's own Ed25519 key ({@code <state_dir>/ssh/id_ed25519}, OpenSSH format, 0600), generated on first
 * use. It is never logged and never leaves the host; only its public half is printed.
 */
public final class SshKeyStore {
    public static final String COMMENT = "homefleet-sensor-proxy";
    private final Path privateKey;

    public SshKeyStore(Path stateDir) {
        this.privateKey = stateDir.resolve("ssh").resolve("id_ed25519");
    }

    public Path privateKeyPath() {
        return privateKey;
    }

    private Path staged() {
        return privateKey.resolveSibling("staged").resolve("id_ed25519");
    }

    private Path previous() {
        return privateKey.resolveSibling("previous").resolve("id_ed25519");
    }

    /** Rotation step 1: a new key beside the current one; returns it. Refuses when one is already staged. */
    public synchronized KeyPair stage() throws IOException {
        if (Files.exists(staged())) {
            throw new IOException("a key is already staged at " + staged() + "; swap it in or delete it first");
        }
        return writeNew(staged());
    }

    /** The key kept by the last swap, if any. */
    public KeyPair loadPrevious() throws IOException {
        if (!Files.exists(previous())) {
            throw new IOException("no previous key (nothing was swapped yet)");
        }
        return load(previous());
    }

    public KeyPair loadStaged() throws IOException {
        if (!Files.exists(staged())) {
            throw new IOException("no staged key; run `sensor-proxy keys stage` first");
        }
        return load(staged());
    }

    /** Rotation step 3: current → previous (kept for rollback), staged → current. Restart the daemon afterwards. */
    public synchronized void swap() throws IOException {
        loadStaged();
        moveKey(privateKey, previous());
        moveKey(staged(), privateKey);
    }

    /** Puts the previous key back; the rotated-out key is kept as the staged one. */
    public synchronized void rollback() throws IOException {
        if (!Files.exists(previous())) {
            throw new IOException("no previous key to roll back to");
        }
        if (Files.exists(staged())) {
            throw new IOException("a key is staged; delete " + staged().getParent() + " before rolling back");
        }
        moveKey(privateKey, staged());
        moveKey(previous(), privateKey);
    }

    private static void moveKey(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.setPosixFilePermissions(to.getParent(), PosixFilePermissions.fromString("rwx------"));
        Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Path fromPub = from.resolveSibling(from.getFileName() + ".pub");
        if (Files.exists(fromPub)) {
            Files.move(fromPub, to.resolveSibling(to.getFileName() + ".pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    public synchronized KeyPair loadOrCreate() throws IOException {
        if (Files.exists(privateKey)) {
            return load(privateKey);
        }
        return writeNew(privateKey);
    }

    private KeyPair writeNew(Path privateKey) throws IOException {
        KeyPair pair;
        try {
            pair = KeyUtils.generateKeyPair(KeyPairs.ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an Ed25519 key: " + e.getMessage(), e);
        }
        Files.createDirectories(privateKey.getParent());
        Files.setPosixFilePermissions(privateKey.getParent(), PosixFilePermissions.fromString("rwx------"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, COMMENT, null, out);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode the key: " + e.getMessage(), e);
        }
        AtomicFiles.writeSecret(privateKey, out.toByteArray());
        AtomicFiles.write(privateKey.resolveSibling("id_ed25519.pub"),
                (publicLine(pair) + "\n").getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-r--r--"));
        return pair;
    }

    static KeyPair load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, new PathResource(file), in, FilePasswordProvider.EMPTY);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new IOException(file + " holds no key");
            }
            return it.next();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code ssh-ed25519 AAAA… homefleet-sensor-proxy}. */
    public static String publicLine(KeyPair pair) {
        return PublicKeyEntry.toString(pair.getPublic()) + " " + COMMENT;
    }

    /** Not a secret: the SHA-256 fingerprint, for logs and comparisons. */
    public static String fingerprint(KeyPair pair) {
        return KeyUtils.getFingerPrint(pair.getPublic());
    }
}
