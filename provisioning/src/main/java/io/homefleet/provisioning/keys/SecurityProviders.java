package io.homefleet.provisioning.keys;

import java.security.Provider;
import java.security.Security;
import org.jboss.logging.Logger;

/**
 * Makes the JVM-wide "BC" security provider this application's own before MINA SSHD first looks for it. MINA uses
 * BouncyCastle for Ed25519 and finds it by name, JVM-wide. When an earlier application in the same JVM (an earlier
 * Quarkus boot, in another class loader) registered its BouncyCastle, MINA would take that one, and keys it makes are
 * of the other class loader's classes: MINA then refuses them ("Cannot retrieve decoder for key=Ed25519").
 */
public final class SecurityProviders {
    private static final Logger LOG = Logger.getLogger(SecurityProviders.class);
    private static final String NAME = org.bouncycastle.jce.provider.BouncyCastleProvider.PROVIDER_NAME;

    private SecurityProviders() {
    }

    /** Idempotent: replaces a "BC" provider of another class loader with this application's, or adds it. */
    public static synchronized void ensureOwnBouncyCastle() {
        Provider registered = Security.getProvider(NAME);
        if (registered != null && registered.getClass() == org.bouncycastle.jce.provider.BouncyCastleProvider.class) {
            return;
        }
        if (registered != null) {
            LOG.debugf("replacing the %s security provider of another class loader (%s) with this application's", NAME,
                    registered.getClass().getClassLoader());
            Security.removeProvider(NAME);
        }
        Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
    }
}
