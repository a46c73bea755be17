package io.homefleet.hub.desired;

import io.homefleet.common.contract.v1.ContractRecord;
import io.homefleet.common.contract.v1.SecretDigest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The value-based comparison of a desired config with what a controller reports, key by key (dotted keys): lists
 * compared as multisets (order-insensitive), numbers by value (15 equals 15.0), volatile keys skipped, secrets
 * compared by {@link SecretDigest} and never returned. Only the keys the hub manages count; keys only the controller
 * has are listed as unmanaged.
 */
public final class ValueDiff {
    public enum State {
        in_sync, differs, missing, unmanaged
    }

    /** One key's comparison; {@code desired} and {@code reported} are absent for secrets. */
    @ContractRecord
    public record KeyDiff(String key, State state, boolean secret, Object desired, Object reported) {
    }

    private ValueDiff() {
    }

    static List<KeyDiff> compare(Map<String, Object> desired, Set<String> secretPaths, Map<String, Object> reported,
            Collection<String> volatileKeys) {
        Map<String, Object> want = flatten(desired);
        Map<String, Object> have = flatten(reported == null ? Map.of() : reported);
        List<KeyDiff> diffs = new ArrayList<>();
        for (Map.Entry<String, Object> e : want.entrySet()) {
            String key = e.getKey();
            if (under(key, volatileKeys)) {
                continue;
            }
            boolean secret = under(key, secretPaths);
            if (!have.containsKey(key)) {
                diffs.add(new KeyDiff(key, State.missing, secret, secret ? null : e.getValue(), null));
                continue;
            }
            Object got = have.get(key);
            boolean same = secret ? secretMatches(e.getValue(), got) : canonical(e.getValue()).equals(canonical(got));
            diffs.add(new KeyDiff(key, same ? State.in_sync : State.differs, secret, secret ? null : e.getValue(),
                    secret ? null : got));
        }
        for (Map.Entry<String, Object> e : have.entrySet()) {
            if (!want.containsKey(e.getKey()) && !under(e.getKey(), volatileKeys)) {
                boolean secret = under(e.getKey(), secretPaths) || SecretDigest.isDigest(String.valueOf(e.getValue()));
                diffs.add(new KeyDiff(e.getKey(), State.unmanaged, secret, null, secret ? null : e.getValue()));
            }
        }
        return diffs;
    }

    static boolean allInSync(List<KeyDiff> diffs) {
        return diffs.stream().allMatch(d -> d.state() == State.in_sync || d.state() == State.unmanaged);
    }

    private static boolean secretMatches(Object desired, Object reported) {
        if (desired == null || reported == null) {
            return desired == reported;
        }
        String want = SecretDigest.of(String.valueOf(desired));
        String got = String.valueOf(reported);
        return want.equals(SecretDigest.isDigest(got) ? got : SecretDigest.of(got));
    }

    /** A key is covered by a path when it is the path or lies below it. */
    private static boolean under(String key, Collection<String> paths) {
        for (String p : paths) {
            if (key.equals(p) || key.startsWith(p + ".")) {
                return true;
            }
        }
        return false;
    }

    /** Nested maps to dotted keys (a key that already has dots stays as it is); lists and scalars are values. */
    static Map<String, Object> flatten(Map<String, Object> nested) {
        Map<String, Object> flat = new TreeMap<>();
        flatten("", nested, flat);
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> into) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> inner && !inner.isEmpty()) {
                flatten(key, (Map<String, Object>) inner, into);
            } else {
                into.put(key, e.getValue());
            }
        }
    }

    /** A comparable text form: numbers by value, lists as sorted multisets, maps by sorted keys. */
    static String canonical(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number n) {
            try {
                return "n:" + new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return "n:" + n;
            }
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(ValueDiff::canonical).sorted().collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return new TreeMap<>(map.entrySet().stream().collect(Collectors.toMap(e -> String.valueOf(e.getKey()),
                    e -> canonical(e.getValue())))).toString();
        }
        if (value instanceof Boolean b) {
            return "b:" + b;
        }
        return "s:" + value;
    }
}
