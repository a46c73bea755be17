package io.homefleet.service.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** What every service's {@code audit verify} subcommand prints and exits with: 0 intact, 1 broken or unreadable. */
public final class AuditVerifyCommand {
    private AuditVerifyCommand() {
    }

    public static int run(Path file, PrintStream out, PrintStream err) {
        try {
            AuditLog.Verification v = AuditLog.verify(file);
            if (v.intact()) {
                out.println("ok: " + file + ": " + v.detail());
                return 0;
            }
            err.println("broken: " + file + ": " + v.detail());
            return 1;
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
    }
}
