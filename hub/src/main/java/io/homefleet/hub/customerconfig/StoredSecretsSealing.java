package io.homefleet.hub.customerconfig;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** At start: seals the customer secrets (configs, pinned apps' passwords) stored in clear by an earlier version. */
@jakarta.enterprise.context.ApplicationScoped
public class StoredSecretsSealing {
    private static final Logger LOG = Logger.getLogger(StoredSecretsSealing.class);

    @Inject
    CustomerConfigService configs;

    @Inject
    io.homefleet.hub.desired.PinService pins;

    void onStart(@Observes StartupEvent event) {
        int sealed = configs.sealStoredSecrets() + pins.sealStoredSecrets();
        if (sealed > 0) {
            LOG.infof("Sealed %d customer secrets stored in clear by an earlier version (now encrypted at rest)",
                    sealed);
        }
    }
}
