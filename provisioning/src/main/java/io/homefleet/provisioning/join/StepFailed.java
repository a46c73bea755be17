package io.homefleet.provisioning.join;

/** A join or hand-over step that did not succeed: which, why, and the command's exit status and output. */
public class StepFailed extends Exception {
    private final String step;
    private final Integer exitStatus;
    private final String output;

    public StepFailed(String step, String reason, Integer exitStatus, String output) {
        super(reason);
        this.step = step;
        this.exitStatus = exitStatus;
        this.output = output;
    }

    public String step() {
        return step;
    }

    public Integer exitStatus() {
        return exitStatus;
    }

    public String output() {
        return output;
    }
}
