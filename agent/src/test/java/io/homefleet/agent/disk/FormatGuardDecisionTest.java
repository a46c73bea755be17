package io.homefleet.agent.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homefleet.agent.disk.FormatGuard.Decision;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The guard decides on the kinds of a device's uses; whatever the sentences say, the decisions stay the same. */
class FormatGuardDecisionTest {
    private static final Set<DiskUse.Kind> LIVE = EnumSet.of(DiskUse.Kind.MOUNTED, DiskUse.Kind.SWAP,
            DiskUse.Kind.HOLDER, DiskUse.Kind.BOOT_DISK, DiskUse.Kind.ON_BOOT_DISK);
    /** Texts that name the opposite of their kind, and today's live sentences reused for harmless kinds. */
    private static final List<String> MISLEADING = List.of("", "device is mounted at /", "device is active swap",
            "device is the boot disk", "partition sda1: device is in use by dm-0", "nothing here, safe to wipe",
            "a filesystem (ext4) was found by blkid -p", "Gerät ist eingehängt unter /srv", "\u0000\n\t");

    private final Random random = new Random(20261130L);

    @Test
    void everyKindDecidesTheSameWhateverItsWording() {
        for (DiskUse.Kind kind : DiskUse.Kind.values()) {
            Decision expected = LIVE.contains(kind) ? Decision.LIVE : Decision.NEEDS_APPROVAL;
            for (String text : wordings()) {
                DiskUse use = new DiskUse(kind, text);
                assertEquals(LIVE.contains(kind), use.isLive(), kind + " worded " + text);
                assertEquals(expected, FormatGuard.decide(List.of(use)), kind + " worded " + text);
                assertEquals(expected, FormatGuard.decide(List.of(use.onPartition(randomText()))),
                        "a partition's use counts for its disk: " + kind);
            }
        }
    }

    @Test
    void oneLiveUseAmongManyMakesTheDeviceLiveAndNoUseMeansNothingHeld() {
        assertEquals(Decision.HOLDS_NOTHING, FormatGuard.decide(List.of()));
        for (int round = 0; round < 500; round++) {
            List<DiskUse> uses = new ArrayList<>();
            int n = 1 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                DiskUse.Kind kind = DiskUse.Kind.values()[random.nextInt(DiskUse.Kind.values().length)];
                uses.add(new DiskUse(kind, random.nextBoolean() ? randomText()
                        : MISLEADING.get(random.nextInt(MISLEADING.size()))));
            }
            boolean anyLive = uses.stream().anyMatch(u -> LIVE.contains(u.kind()));
            assertEquals(anyLive ? Decision.LIVE : Decision.NEEDS_APPROVAL, FormatGuard.decide(uses), uses.toString());
        }
    }

    private List<String> wordings() {
        List<String> texts = new ArrayList<>(MISLEADING);
        for (int i = 0; i < 50; i++) {
            texts.add(randomText());
        }
        return texts;
    }

    private String randomText() {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(80);
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(random.nextInt(4) == 0 ? 0x20 + random.nextInt(0x2FF) : 'a' + random.nextInt(26));
        }
        return sb.toString();
    }
}
