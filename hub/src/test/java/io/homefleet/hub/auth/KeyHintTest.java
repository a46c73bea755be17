package io.homefleet.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.homefleet.common.credential.Tokens;
import io.homefleet.hub.support.Db;
import io.homefleet.hub.support.Fleet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key listings show a hint that names the kind and tells keys apart, but holds no character of the secret. */
@QuarkusTest
class KeyHintTest {
    @Inject
    Db db;

    @Test
    void listedHintsHoldNoPartOfTheSecret() {
        String customer = Fleet.createCustomer(Fleet.uniqueId("hint"));
        String host = Fleet.createHost(Fleet.uniqueId("pve-hint"), Fleet.uniqueId("hint"), List.of());
        String customerKey = Fleet.customerKey(customer);
        String hostKey = Fleet.hostKey(host);
        String customerHint = Fleet.operator().get("/api/v1/customers/" + customer + "/keys").then().statusCode(200)
                .extract().path("[0].hint");
        String hostHint = Fleet.operator().get("/api/v1/hosts/" + host + "/keys").then().statusCode(200)
                .extract().path("[0].hint");
        assertHidesSecret(customerKey, customerHint);
        assertHidesSecret(hostKey, hostHint);
        assertHidesSecret(Fleet.OPERATOR_TOKEN, db.strings("SELECT hint FROM credentials WHERE token_hash = ?",
                (Object) Tokens.sha256(Fleet.OPERATOR_TOKEN)).get(0));
        // Every stored hint, including those written before hints changed (migrated by V5), has the new form.
        assertEquals(0, db.count("SELECT count(*) FROM credentials "
                + "WHERE hint <> substr(hint, 1, 4) || '#' || substr(encode(token_hash, 'hex'), 1, 6)"));
    }

    private static void assertHidesSecret(String token, String hint) {
        assertEquals(token.substring(0, 4) + "#" + Tokens.sha256Hex(token).substring(0, 6), hint);
        String secret = token.substring(4);
        String label = hint.substring(4);
        for (int i = 0; i + 4 <= secret.length(); i++) {
            assertFalse(label.contains(secret.substring(i, i + 4)), hint + " holds part of the secret of " + token);
        }
    }
}
