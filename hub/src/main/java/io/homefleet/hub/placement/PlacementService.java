package io.homefleet.hub.placement;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.contract.v1.Ids;
import io.homefleet.common.contract.v1.IssuedKey;
import io.homefleet.common.credential.TokenKind;
import io.homefleet.hub.auth.CredentialEntity;
import io.homefleet.hub.auth.CredentialService;
import io.homefleet.hub.customer.CustomerEntity;
import io.homefleet.hub.host.HostEntity;
import io.homefleet.hub.problem.FieldProblems;
import io.homefleet.service.db.SqlFailures;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Customer placements and the customer keys hosts fetch with their own key for the guests placed on them, so no
 * host needs the operator token to provision a guest.
 */
@ApplicationScoped
public class PlacementService {
    /** Proxmox VE guest ids. */
    static final int MIN_VMID = 100;
    static final int MAX_VMID = 999_999_999;

    @Inject
    CredentialService credentials;

    /** The request body {host_id, vmid}, checked field by field; unknown fields are refused. */
    public record Request(String hostId, int vmid) {
        static Request parse(JsonNode body) {
            List<String> problems = new ArrayList<>();
            if (body == null || !body.isObject()) {
                throw ProblemException.of(ProblemType.INVALID_FIELDS, "the body must be a JSON object "
                        + "{\"host_id\": ..., \"vmid\": ...}");
            }
            body.fieldNames().forEachRemaining(n -> {
                if (!Set.of("host_id", "vmid").contains(n)) {
                    problems.add(n + ": unknown field (allowed: host_id, vmid)");
                }
            });
            JsonNode host = body.path("host_id");
            if (!host.isTextual() || !host.asText().matches(Ids.SLUG)) {
                problems.add("host_id: required, " + Ids.SLUG_MESSAGE);
            }
            JsonNode vmid = body.path("vmid");
            if (!vmid.isIntegralNumber() || !vmid.canConvertToInt() || vmid.asInt() < MIN_VMID
                    || vmid.asInt() > MAX_VMID) {
                problems.add("vmid: required, a whole number from " + MIN_VMID + " to " + MAX_VMID);
            }
            if (!problems.isEmpty()) {
                throw invalid(problems);
            }
            return new Request(host.asText(), vmid.asInt());
        }
    }

    @Transactional
    public Placement place(String customerId, Request request, String by) {
        CustomerEntity customer = CustomerEntity.findById(customerId, LockModeType.PESSIMISTIC_WRITE);
        if (customer == null) {
            throw ProblemException.notFound("no customer '" + customerId + "'");
        }
        if (HostEntity.findById(request.hostId()) == null) {
            throw invalid(List.of("host_id: no host '" + request.hostId() + "'; register it with POST /api/v1/hosts"));
        }
        PlacementEntity taken = PlacementEntity.find("hostId = ?1 and vmid = ?2", request.hostId(), request.vmid())
                .firstResult();
        if (taken != null && !taken.customerId.equals(customerId)) {
            throw ProblemException.conflict("vmid " + request.vmid() + " on host '" + request.hostId()
                    + "' is already customer '" + taken.customerId + "''s guest");
        }
        PlacementEntity p = PlacementEntity.findById(customerId);
        if (p == null) {
            p = new PlacementEntity();
            p.customerId = customerId;
        }
        p.hostId = request.hostId();
        p.vmid = request.vmid();
        p.placedBy = by;
        p.placedAt = Instant.now();
        try {
            p.persistAndFlush();
        } catch (PersistenceException e) {
            if (SqlFailures.classify(e) == SqlFailures.Kind.CONFLICT) {
                throw ProblemException.conflict("vmid " + request.vmid() + " on host '" + request.hostId()
                        + "' was just given to another customer");
            }
            throw e;
        }
        return Placement.of(p);
    }

    public Optional<Placement> placement(String customerId) {
        return PlacementEntity.<PlacementEntity>findByIdOptional(customerId).map(Placement::of);
    }

    @Transactional
    public void remove(String customerId) {
        if (!PlacementEntity.deleteById(customerId)) {
            throw ProblemException.notFound("customer '" + customerId + "' is not placed on any host");
        }
    }

    /**
     * The customer's key for the guest {@code vmid} on {@code hostId}, for the host that provisions it: only for
     * the customer placed there (else 403 saying where it is placed, if anywhere). The key this guest got before is
     * revoked in the same transaction.
     */
    @Transactional
    public IssuedKey issueGuestKey(String hostId, int vmid, String customerId) {
        // Locked: two provisioning runs of one guest at once are serialized and leave one valid key.
        PlacementEntity p = PlacementEntity.findById(customerId, LockModeType.PESSIMISTIC_WRITE);
        if (p == null) {
            throw ProblemException.forbidden("customer '" + customerId + "' is not placed on any host; the operator "
                    + "places it with PUT /api/v1/customers/" + customerId + "/placement");
        }
        if (!p.hostId.equals(hostId) || p.vmid != vmid) {
            throw ProblemException.forbidden("customer '" + customerId + "' is placed on host '" + p.hostId
                    + "' as vmid " + p.vmid + ", not on host '" + hostId + "' as vmid " + vmid);
        }
        var em = Panache.getEntityManager();
        List<?> previous = em.createNativeQuery("SELECT credential_id FROM guest_customer_keys "
                        + "WHERE host_id = ?1 AND vmid = ?2 FOR UPDATE")
                .setParameter(1, hostId).setParameter(2, vmid).getResultList();
        Instant now = Instant.now();
        if (!previous.isEmpty()) {
            CredentialEntity.update("revokedAt = ?1 where id = ?2 and revokedAt is null", now,
                    (UUID) previous.get(0));
            credentials.forgetCached();
        }
        IssuedKey key = credentials.issue(TokenKind.CUSTOMER, customerId, null);
        em.createNativeQuery("INSERT INTO guest_customer_keys (host_id, vmid, customer_id, credential_id, issued_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (host_id, vmid) DO UPDATE SET "
                        + "customer_id = excluded.customer_id, credential_id = excluded.credential_id, "
                        + "issued_at = excluded.issued_at")
                .setParameter(1, hostId).setParameter(2, vmid).setParameter(3, customerId)
                .setParameter(4, key.keyId()).setParameter(5, now).executeUpdate();
        return key;
    }

    static ProblemException invalid(List<String> problems) {
        return FieldProblems.invalid(problems);
    }
}
