package io.homefleet.hub.customerconfig;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** At start: seals the customer secrets a hub version before encryption at rest stored in clear. */
@jakarta.enterprise.context.ApplicationScoped
public class StoredSecretsSealing {
    private static final Logger LOG = Logger.getLogger(StoredSecretsSealing.class);

    @Inject
    CustomerConfigService configs;

    void onStart(@Observes StartupEvent event) {
        int sealed = configs.sealStoredSecrets();
        if (sealed > 0) {
            LOG.infof("Sealed %d customer secrets stored in clear by an earlier version (now encrypted at rest)",
                    sealed);
        }
    }
}
