package dev.foxbox.runtime.caps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CapabilityTest {

    @Test
    void numbersMatchTheKernelHeader() throws Exception {
        Path header = Path.of("/usr/include/linux/capability.h");
        if (!Files.isRegularFile(header)) {
            System.out.println("SKIP: no " + header + " (linux-libc-dev not installed)");
        }
        assumeTrue(Files.isRegularFile(header), "no " + header);
        Map<String, Integer> fromHeader = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^#define (CAP_[A-Z_]+)\\s+(\\d+)\\s*$").matcher(Files.readString(header));
        while (m.find()) {
            fromHeader.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        Map<String, Integer> ours = new LinkedHashMap<>();
        for (Capability c : Capability.values()) {
            ours.put(c.capName(), c.number());
        }
        assertEquals(fromHeader, ours);
    }

    @Test
    void numbersAreTheKernels() {
        assertEquals(0, Capability.CHOWN.number());
        assertEquals(21, Capability.SYS_ADMIN.number());
        assertEquals(40, Capability.CHECKPOINT_RESTORE.number());
        assertEquals(41, Capability.values().length);
    }

    @Test
    void parsesTheFormsDockerAndPodmanAccept() {
        assertEquals(Capability.NET_ADMIN, Capability.parse("NET_ADMIN"));
        assertEquals(Capability.NET_ADMIN, Capability.parse("CAP_NET_ADMIN"));
        assertEquals(Capability.NET_ADMIN, Capability.parse("net_admin"));
        assertEquals(Capability.NET_ADMIN, Capability.parse("cap_net_admin"));
        assertEquals("unknown capability \"NET_ADMINS\"",
                assertThrows(IllegalArgumentException.class, () -> Capability.parse("NET_ADMINS")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Capability.parse("ALL"));
    }

    @Test
    void podmanDefaultsAreTheEleven() {
        assertEquals(EnumSet.of(Capability.CHOWN, Capability.DAC_OVERRIDE, Capability.FOWNER, Capability.FSETID,
                Capability.KILL, Capability.NET_BIND_SERVICE, Capability.SETFCAP, Capability.SETGID, Capability.SETPCAP,
                Capability.SETUID, Capability.SYS_CHROOT), Capability.podmanDefaults());
        assertThrows(UnsupportedOperationException.class, () -> Capability.podmanDefaults().add(Capability.SYS_ADMIN));
        assertEquals(41, Capability.all().size());
    }
}
