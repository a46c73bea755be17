package io.homefleet.controller.status;

/**
 * Setup mode's last step: the controller.yaml fetched from the hub is validated, written 0600 and applied,
 * so the controller comes up configured without a restart. Implemented by the controller core.
 */
public interface ControllerSetup {

    /** @throws io.homefleet.service.config.InvalidConfigException naming what is wrong; nothing is written then */
    void install(String controllerYaml);
}
