package io.homefleet.service.web;

/**
 * The rules for a dashboard password every service's account pages apply: a usable bcrypt password
 * ({@link PasswordHasher#problemWith}) of at least {@link #MIN_LENGTH} characters, and for a change by the account
 * itself the current password, the new one typed twice, and a new one that differs.
 */
public final class PasswordChange {
    public static final int MIN_LENGTH = 10;

    private PasswordChange() {
    }

    /** Why {@code password} cannot be an account's password (lower case, for a problem's detail), or null. */
    public static String problemWithNew(String password) {
        String problem = PasswordHasher.problemWith(password);
        if (problem == null && password.length() < MIN_LENGTH) {
            problem = "the password is shorter than " + MIN_LENGTH + " characters";
        }
        return problem;
    }

    /**
     * Why an account whose password hash is {@code currentHash} cannot change its password this way (a sentence for
     * the form), or null when it can.
     */
    public static String problemWith(String currentHash, String current, String fresh, String repeat) {
        if (!PasswordHasher.verify(current == null ? "" : current, currentHash)) {
            return "The current password is wrong.";
        }
        if (fresh == null || !fresh.equals(repeat)) {
            return "The new passwords differ.";
        }
        if (fresh.equals(current)) {
            return "Choose a password other than the current one.";
        }
        String problem = problemWithNew(fresh);
        return problem == null ? null : Character.toUpperCase(problem.charAt(0)) + problem.substring(1) + ".";
    }
}
