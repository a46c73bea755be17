package io.homefleet.agent.testsupport;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** Signs operator approvals the way the hub will: ES256 JWTs binding one pending operation. */
public final class Approvals {
    private Approvals() {
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An approval for {@code claims} (op, host_scope, durable_id, fstype), living {@code lifetimeSeconds} from {@code issuedOffsetSeconds}. */
    public static String sign(PrivateKey key, Map<String, String> claims, long issuedOffsetSeconds, long lifetimeSeconds) {
        JwtClaims jwt = new JwtClaims();
        long now = System.currentTimeMillis() / 1000 + issuedOffsetSeconds;
        jwt.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(now));
        jwt.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now + lifetimeSeconds));
        jwt.setJwtId(UUID.randomUUID().toString());
        jwt.setIssuer("homefleet-hub");
        claims.forEach(jwt::setStringClaim);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(jwt.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String publicKeyPem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public static String privateKeyPem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    public static PrivateKey readPrivateKey(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return java.security.KeyFactory.getInstance("EC")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(body)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
