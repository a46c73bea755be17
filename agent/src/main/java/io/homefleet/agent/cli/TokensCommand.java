package io.homefleet.agent.cli;

import io.homefleet.agent.config.AgentConfig;
import io.homefleet.agent.config.AgentConfigLoader;
import io.homefleet.service.config.InvalidConfigException;
import io.homefleet.agent.localapi.auth.GuestTokenStore;
import io.homefleet.agent.localapi.auth.LocalApiCredentials;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agent tokens mint|revoke|list}: manages guest tokens in the same store the running daemon reads; a token
 * minted here works against the daemon at once.
 */
@Command(name = "tokens", description = "Guest local-API tokens (hfg_).",
        subcommands = {TokensCommand.Mint.class, TokensCommand.Revoke.class, TokensCommand.ListTokens.class})
public class TokensCommand {

    abstract static class StoreCommand implements Callable<Integer> {
        @Option(names = "--config", description = "agent.yaml (default: the agent's)")
        Path config;

        GuestTokenStore store() {
            AgentConfig loaded = AgentConfigLoader.load(config != null ? config : AgentConfigLoader.defaultLocation());
            return new GuestTokenStore(LocalApiCredentials.guestTokenFile(loaded));
        }

        @Override
        public Integer call() {
            try {
                return run(store());
            } catch (InvalidConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }

        abstract int run(GuestTokenStore store);
    }

    @Command(name = "mint", mixinStandardHelpOptions = true, description = "Mint a token for one guest; prints it once.")
    static class Mint extends StoreCommand {
        @Option(names = "--vmid", required = true, description = "the guest the token acts for")
        int vmid;

        @Override
        int run(GuestTokenStore store) {
            if (vmid <= 0) {
                System.err.println("--vmid must be a positive number");
                return 2;
            }
            System.out.println(store.mint(vmid, "cli"));
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke every token of one guest.")
    static class Revoke extends StoreCommand {
        @Option(names = "--vmid", required = true)
        int vmid;

        @Override
        int run(GuestTokenStore store) {
            System.out.println("revoked " + store.revoke(vmid, "cli") + " token(s) of guest " + vmid);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (hash prefixes, never tokens).")
    static class ListTokens extends StoreCommand {
        @Override
        int run(GuestTokenStore store) {
            store.entries().forEach(e -> System.out.printf("%d\t%s\t%s\t%s%n", e.vmid(), e.sha256().substring(0, 12),
                    e.mintedAt(), e.active() ? "active" : "revoked " + e.revokedAt()));
            return 0;
        }
    }
}
