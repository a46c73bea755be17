package io.homefleet.hub.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.homefleet.common.contract.v1.Ids;
import io.homefleet.common.contract.v1.PendingOperation;
import io.homefleet.hub.host.HostEntity;
import io.homefleet.hub.problem.FieldProblems;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Signs disk-wipe approvals: a JWT whose claims are exactly what the agent's verifier checks (op, host_scope,
 * durable_id, fstype, jti, iat, exp), recorded with who approved it and why before it is handed out.
 */
@ApplicationScoped
public class ApprovalService {
    private static final Logger LOG = Logger.getLogger(ApprovalService.class);
    private static final Set<String> OPS = Set.of(PendingOperation.STORAGE_WIPE);
    private static final Pattern FSTYPE = Pattern.compile("[a-z0-9]{1,16}");
    private static final int MAX_DURABLE_ID = 512;
    private static final int MAX_REASON = 1000;

    @Inject
    ApprovalKeys keys;

    @Inject
    ApprovalSettings settings;

    /** {pending_op: {op, host_scope, durable_id, fstype}, reason}: every offending field named, unknown ones too. */
    record Request(PendingOperation pendingOp, String reason) {
        static Request parse(JsonNode body) {
            List<String> problems = new ArrayList<>();
            if (body == null || !body.isObject()) {
                throw FieldProblems.invalid(List.of("pending_op: the body must be a JSON object {\"pending_op\": "
                        + "{...}, \"reason\": \"...\"}"));
            }
            unknown(body, "", Set.of("pending_op", "reason"), problems);
            JsonNode op = body.path("pending_op");
            if (!op.isObject()) {
                problems.add("pending_op: required, the agent's pending_op {op, host_scope, durable_id, fstype}");
            } else {
                unknown(op, "pending_op.", Set.of("op", "host_scope", "durable_id", "fstype"), problems);
                if (!OPS.contains(op.path("op").asText(null))) {
                    problems.add("pending_op.op: must be one of " + OPS);
                }
                if (!op.path("host_scope").isTextual() || !op.path("host_scope").asText().matches(Ids.SLUG)) {
                    problems.add("pending_op.host_scope: required, a host id (" + Ids.SLUG_MESSAGE + ")");
                }
                String durable = op.path("durable_id").isTextual() ? op.path("durable_id").asText() : null;
                if (durable == null || durable.isBlank() || durable.length() > MAX_DURABLE_ID
                        || durable.chars().anyMatch(Character::isISOControl)) {
                    problems.add("pending_op.durable_id: required, 1 to " + MAX_DURABLE_ID
                            + " printable characters, as the agent reported it");
                }
                if (!op.path("fstype").isTextual() || !FSTYPE.matcher(op.path("fstype").asText()).matches()) {
                    problems.add("pending_op.fstype: required, a filesystem type such as ext4");
                }
            }
            String reason = body.path("reason").isTextual() ? body.path("reason").asText().strip() : null;
            if (reason == null || reason.isEmpty() || reason.length() > MAX_REASON) {
                problems.add("reason: required, why the data on this disk may be destroyed (1 to " + MAX_REASON
                        + " characters)");
            }
            if (!problems.isEmpty()) {
                throw FieldProblems.invalid(problems);
            }
            return new Request(new PendingOperation(op.get("op").asText(), op.get("host_scope").asText(),
                    op.get("durable_id").asText(), op.get("fstype").asText()), reason);
        }

        private static void unknown(JsonNode node, String prefix, Set<String> allowed, List<String> problems) {
            node.fieldNames().forEachRemaining(n -> {
                if (!allowed.contains(n)) {
                    problems.add(prefix + n + ": unknown field (allowed: " + String.join(", ", allowed.stream()
                            .sorted().toList()) + ")");
                }
            });
        }
    }

    @Transactional
    public Approval approve(JsonNode body, String by) {
        Request request = Request.parse(body);
        PendingOperation op = request.pendingOp();
        if (HostEntity.findById(op.hostScope()) == null) {
            throw FieldProblems.invalid(List.of("pending_op.host_scope: no host '" + op.hostScope() + "'"));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ApprovalEntity e = new ApprovalEntity();
        e.jti = UUID.randomUUID();
        e.op = op.op();
        e.hostScope = op.hostScope();
        e.durableId = op.durableId();
        e.fstype = op.fstype();
        e.reason = request.reason();
        e.approvedBy = by;
        e.issuedAt = now;
        e.expiresAt = now.plus(settings.lifetime());
        String jwt = Jwt.claims()
                .claim("op", e.op)
                .claim("host_scope", e.hostScope)
                .claim("durable_id", e.durableId)
                .claim("fstype", e.fstype)
                .claim("jti", e.jti.toString())
                .issuedAt(e.issuedAt)
                .expiresAt(e.expiresAt)
                .jws()
                .algorithm(keys.privateKey() instanceof RSAPrivateKey ? SignatureAlgorithm.RS256
                        : SignatureAlgorithm.ES256)
                .sign(keys.privateKey());
        // Recorded (and flushed) before the approval leaves the hub: no approval exists without its audit record.
        e.persistAndFlush();
        LOG.infof("Approval %s signed by %s: %s of %s on host %s (%s), valid until %s; reason: %s", e.jti, by, e.op,
                e.durableId, e.hostScope, e.fstype, e.expiresAt, e.reason);
        return Approval.of(e, jwt);
    }

    public List<Approval> recent(int limit) {
        return ApprovalEntity.<ApprovalEntity>find("order by issuedAt desc").page(0, limit).list().stream()
                .map(a -> Approval.of(a, null)).toList();
    }
}
