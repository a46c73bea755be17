package io.homefleet.provisioning.boot;

/**
 * The script the installer puts in place to run once at the first boot ({@code [first-boot] source = "from-url"}):
 * it reports the host's address and machine id to provisioning, retrying for ten minutes while the network settles.
 */
public final class FirstBootScript {
    private FirstBootScript() {
    }

    public static String render(String hostId, String phoneHomeUrl, String token) {
        return """
                #!/bin/sh
                # Homefleet provisioning: first boot of %s. Reports this host's address and machine id once;
                # provisioning then joins it to the cluster over SSH.
                set -u
                URL='%s'
                TOKEN='%s'
                MACHINE_ID=$(cat /etc/machine-id)
                i=0
                while [ "$i" -lt 60 ]; do
                    IP=$(ip -4 -o route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \\([0-9.]*\\).*/\\1/p')
                    if [ -n "$IP" ] && curl -fsS -X POST -H "Authorization: Bearer $TOKEN" \\
                            -H 'Content-Type: application/json' \\
                            -d "{\\"ip\\":\\"$IP\\",\\"machine_id\\":\\"$MACHINE_ID\\"}" "$URL"; then
                        exit 0
                    fi
                    i=$((i + 1))
                    sleep 10
                done
                echo "homefleet: could not phone home to $URL" >&2
                exit 1
                """.formatted(hostId, phoneHomeUrl, token);
    }
}
