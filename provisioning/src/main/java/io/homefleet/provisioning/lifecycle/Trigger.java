package io.homefleet.provisioning.lifecycle;

/** What moves a host from one state to another. */
public enum Trigger {
    /** The operator asked for a rebuild (a fresh ephemeral key). */
    REBUILD,
    /** The host fetched its iPXE installer script. */
    PXE_BOOT,
    /** The installer fetched its answer file. */
    ANSWER,
    /** The installer's post-installation webhook arrived. */
    INSTALLED,
    /** The installed host's first-boot script phoned home. */
    PHONE_HOME,
    /** A worker started the cluster join. */
    JOIN,
    /** Join and hand-over finished. */
    READY,
    /** A step failed. */
    FAIL,
    /** The host stayed in a state longer than its timeout. */
    TIMEOUT,
    /** The operator asked to resume a failed host from the step it failed in. */
    RETRY
}
