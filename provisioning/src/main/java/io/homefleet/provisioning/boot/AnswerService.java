package io.homefleet.provisioning.boot;

import io.homefleet.common.credential.Tokens;
import io.homefleet.provisioning.config.ProvisioningConfig;
import io.homefleet.provisioning.config.ProvisioningFile;
import io.homefleet.provisioning.config.ServerType;
import io.homefleet.provisioning.host.HostState;
import io.homefleet.provisioning.host.Macs;
import io.homefleet.provisioning.lifecycle.Lifecycle;
import io.homefleet.provisioning.lifecycle.Trigger;
import io.homefleet.service.problem.ProblemException;
import io.homefleet.service.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/boot/answer}: finds the host by any MAC the installer reports, and answers its TOML answer file
 * (checked with {@link AnswerRules} first). The host moves to {@code installing}; asking again gives a new answer
 * with a new install token.
 */
@ApplicationScoped
public class AnswerService {
    private static final Logger LOG = Logger.getLogger(AnswerService.class);
    private static final Set<HostState> ANSWERABLE = EnumSet.of(HostState.PXE_READY, HostState.PXE_BOOTED,
            HostState.INSTALLING);

    @Inject
    ProvisioningConfig config;

    @Inject
    Lifecycle lifecycle;

    @Inject
    EntityManager em;

    public String answer(SystemInfo info, String bearerToken, String remoteAddress) {
        ProvisioningConfig.Snapshot snapshot = config.current();
        checkAnswerToken(snapshot.file(), bearerToken);
        Set<String> macs = new LinkedHashSet<>();
        for (SystemInfo.Nic nic : info.networkInterfaces()) {
            macs.add(Macs.normalize(nic.mac()).orElseThrow(() -> ProblemException.of(ProblemType.INVALID_FIELDS,
                    "network_interfaces: '" + nic.mac() + "' is not a MAC address")));
        }
        List<Match> matches = match(macs);
        if (matches.isEmpty()) {
            throw ProblemException.notFound("no registered host has any of the MACs " + String.join(", ", macs)
                    + "; register one of them (POST /api/hosts) and request a rebuild").with("macs", List.copyOf(macs));
        }
        if (matches.size() > 1) {
            throw ProblemException.conflict("the MACs " + String.join(", ", macs) + " belong to several hosts: "
                    + String.join(", ", matches.stream().map(Match::id).sorted().toList()) + "; remove all but one");
        }
        Match host = matches.get(0);
        if (!ANSWERABLE.contains(host.state)) {
            throw ProblemException.conflict("host '" + host.id + "' (" + host.mac + ") is " + host.state.label()
                    + " and has no rebuild requested; request one with POST /api/hosts/" + host.id + "/rebuild")
                    .with("state", host.state.label());
        }
        ServerType type = snapshot.serverType(host.serverType).orElseThrow(() -> ProblemException.conflict(
                "host '" + host.id + "' has server type '" + host.serverType + "', which server-types.yaml no longer "
                        + "defines"));
        String token = BootTokens.generate();
        String toml = AnswerFile.render(host.id, host.mac, type, snapshot.file(), host.ephemeralPublicKey, token);
        AnswerRules.Verdict verdict = AnswerRules.check(toml, AnswerRules.RunEnv.NONE);
        if (!verdict.accepted()) {
            String reason = "the answer file would be refused by the installer: " + String.join("; ", verdict.errors())
                    + " (fix provisioning.yaml or server-types.yaml, then retry)";
            lifecycle.fail(host.id, Trigger.FAIL, "answer", reason, null, null, "provisioning");
            throw ProblemException.of(ProblemType.OPERATION_FAILED, reason);
        }
        String installer = info.iso() == null ? "unknown ISO" : "ISO " + info.iso().release() + "-" + info.iso().isorelease();
        lifecycle.fire(host.id, Trigger.ANSWER, "installer fetched its answer (" + installer + ")",
                "installer:" + remoteAddress, h -> {
                    if (!Objects.equals(h.ephemeralPublicKey, host.ephemeralPublicKey)) {
                        throw ProblemException.conflict("host '" + host.id + "' was rebuilt while its answer was made; "
                                + "ask again");
                    }
                    h.bootTokenHash = BootTokens.hash(token);
                });
        LOG.infof("answer file sent to %s (%s) at %s", host.id, host.mac, remoteAddress);
        return toml;
    }

    /** What the answer needs of a host, read without an entity (the installer's MACs can be any number). */
    record Match(String id, String mac, HostState state, String serverType, String ephemeralPublicKey) {
    }

    /**
     * The hosts with any of {@code macs}, in one native query: an HQL {@code in} with a list parameter is translated
     * to SQL again on every call, which was most of this endpoint's CPU.
     */
    @SuppressWarnings("unchecked")
    List<Match> match(Set<String> macs) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, mac, state, server_type, ephemeral_public_key FROM hosts
                WHERE mac = ANY (string_to_array(?1, ','))""").setParameter(1, String.join(",", macs)).getResultList();
        return rows.stream().map(r -> new Match((String) r[0], (String) r[1], HostState.fromLabel((String) r[2])
                .orElseThrow(() -> new IllegalStateException("unknown host state in the database: " + r[2])),
                (String) r[3], (String) r[4])).toList();
    }

    private static void checkAnswerToken(ProvisioningFile file, String presented) {
        if (file.server().answerAuthTokenFile() == null) {
            return;
        }
        String expected;
        try {
            expected = Files.readString(file.server().answerAuthTokenFile(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw ProblemException.of(ProblemType.DEPENDENCY_UNAVAILABLE, "cannot read server.answer_auth_token_file: "
                    + e.getMessage());
        }
        if (presented == null) {
            throw ProblemException.unauthorized("this answer URL needs the token the ISO was prepared with "
                    + "(prepare-iso --answer-auth-token)");
        }
        if (!Tokens.secretsEqual(expected, presented)) {
            throw ProblemException.unauthorized("the answer token is not the one in server.answer_auth_token_file");
        }
    }
}
