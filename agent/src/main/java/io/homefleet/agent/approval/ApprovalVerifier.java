package io.homefleet.agent.approval;

import io.homefleet.common.contract.v1.PendingOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Checks an operator approval: a short-lived JWT signed with the hub's operator key whose claims name exactly the
 * pending operation (op, host_scope, durable_id, fstype). Spending it (single use) is the caller's next step.
 */
public class ApprovalVerifier {
    /** The longest an approval may live: it authorises destroying data, so it must be fresh. */
    static final int MAX_LIFETIME_MINUTES = 15;
    private final PublicKey hubKey;

    public ApprovalVerifier(PublicKey hubKey) {
        this.hubKey = hubKey;
    }

    /** The outcome: the approval's id when it binds {@code expected}, else why not. */
    public record Verdict(boolean approved, String jti, String reason) {
        static Verdict refused(String reason) {
            return new Verdict(false, null, reason);
        }
    }

    public Verdict verify(String jwt, PendingOperation expected) {
        if (hubKey == null) {
            return Verdict.refused("this agent has no hub approval key configured (hub.approval_public_key_file)");
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(hubKey)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                        AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.EDDSA)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setMaxFutureValidityInMinutes(MAX_LIFETIME_MINUTES)
                .setAllowedClockSkewInSeconds(30)
                .setSkipDefaultAudienceValidation()
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(jwt);
        } catch (InvalidJwtException e) {
            if (e.hasExpired()) {
                return Verdict.refused("approval has expired");
            }
            if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
                return Verdict.refused("approval signature is not the hub's");
            }
            if (e.hasErrorCode(ErrorCodes.EXPIRATION_TOO_FAR_IN_FUTURE)) {
                return Verdict.refused("approval lives longer than " + MAX_LIFETIME_MINUTES + " minutes");
            }
            if (e.hasErrorCode(ErrorCodes.JWT_ID_MISSING) || e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)
                    || e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)) {
                return Verdict.refused("approval lacks jti, iat or exp");
            }
            return Verdict.refused("approval is not a valid signed token");
        }
        try {
            Optional<String> mismatch = mismatch("op", claims.getStringClaimValue("op"), expected.op())
                    .or(() -> mismatch("host_scope", claim(claims, "host_scope"), expected.hostScope()))
                    .or(() -> mismatch("durable_id", claim(claims, "durable_id"), expected.durableId()))
                    .or(() -> mismatch("fstype", claim(claims, "fstype"), expected.fstype()));
            if (mismatch.isPresent()) {
                return Verdict.refused(mismatch.get());
            }
            return new Verdict(true, claims.getJwtId(), null);
        } catch (MalformedClaimException e) {
            return Verdict.refused("approval has a malformed claim: " + e.getMessage());
        }
    }

    private static String claim(JwtClaims claims, String name) {
        try {
            return claims.getStringClaimValue(name);
        } catch (MalformedClaimException e) {
            return null;
        }
    }

    private static Optional<String> mismatch(String claim, String actual, String expected) {
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        return Optional.of("approval is for " + claim + " '" + actual + "', not '" + expected + "'");
    }

    /** Reads a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) of type RSA, EC or Ed25519. */
    public static PublicKey readPublicKey(Path pem) throws IOException {
        String body = Files.readString(pem).replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (java.security.GeneralSecurityException e) {
                // try the next key type
            }
        }
        throw new IOException(pem + " holds no RSA, EC or Ed25519 public key");
    }
}
