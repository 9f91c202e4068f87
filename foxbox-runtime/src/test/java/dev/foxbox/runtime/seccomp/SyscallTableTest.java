package dev.foxbox.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The syscall tables against the kernel headers of this machine, and numbers that never change. */
class SyscallTableTest {

    private static boolean gccPresent() {
        try {
            return new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** The header to compare with, or a skip with the reason printed. */
    private static Path headerOrSkip(ScmpArch abi) {
        Optional<Path> header = SyscallHeaders.header(abi);
        String reason = header.isEmpty()
                ? "no " + abi + " syscall header on this machine (linux-libc-dev"
                        + (abi == ScmpArch.ARM ? "-armhf-cross" : "") + " not installed)"
                : SyscallHeaders.needsPreprocessor(abi) && !gccPresent() ? "gcc is missing: cannot preprocess " + header.get() : null;
        if (reason != null) {
            System.out.println("SKIP " + abi + ": " + reason);
        }
        assumeTrue(reason == null, reason);
        return header.get();
    }

    @TestFactory
    Stream<DynamicTest> everyCallInTheHeadersHasTheHeadersNumber() {
        return SyscallTableGenerator.ABIS.stream().map(abi -> DynamicTest.dynamicTest(abi.name(), () -> {
            Path header = headerOrSkip(abi);
            Map<String, Integer> fromHeader = SyscallHeaders.read(abi, header);
            assertTrue(fromHeader.size() > 250, header + " gave only " + fromHeader.size() + " calls");
            Map<String, Integer> table = SyscallTable.of(abi).all();
            List<String> wrong = new ArrayList<>();
            fromHeader.forEach((name, nr) -> {
                if (!nr.equals(table.get(name))) {
                    wrong.add(name + ": header " + nr + ", table " + table.get(name));
                }
            });
            assertEquals(List.of(), wrong, "table " + SyscallTable.resourceName(abi) + " disagrees with " + header);
        }));
    }

    @TestFactory
    Stream<DynamicTest> checkedInTablesAreWhatTheGeneratorWrites() {
        return SyscallTableGenerator.ABIS.stream().map(abi -> DynamicTest.dynamicTest(abi.name(), () -> {
            Path header = headerOrSkip(abi);
            String generated = SyscallTableGenerator.generate(abi, header, SyscallTableGenerator.laterSyscalls());
            String checkedIn;
            try (InputStream in = SyscallTable.class.getResourceAsStream(SyscallTable.resourceName(abi))) {
                checkedIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String source = generated.lines().skip(1).findFirst().orElseThrow();
            assumeTrue(checkedIn.contains(source + "\n"),
                    "the tables were generated from other headers than this machine's: " + source);
            assertEquals(checkedIn, generated, "run SyscallTableGenerator again, or revert the hand edit");
        }));
    }

    @Test
    void numbersThatNeverChange() {
        record Nr(ScmpArch abi, String name, int number) {}
        int x32 = ScmpArch.X32_SYSCALL_BIT;
        for (Nr nr : List.of(
                new Nr(ScmpArch.X86_64, "read", 0), new Nr(ScmpArch.X86_64, "clone", 56), new Nr(ScmpArch.X86_64, "mount", 165),
                new Nr(ScmpArch.X86_64, "personality", 135), new Nr(ScmpArch.X86_64, "unshare", 272),
                new Nr(ScmpArch.X86_64, "clone3", 435), new Nr(ScmpArch.X86_64, "futex_requeue", 456),
                new Nr(ScmpArch.X86, "read", 3), new Nr(ScmpArch.X86, "mount", 21), new Nr(ScmpArch.X86, "socketcall", 102),
                new Nr(ScmpArch.X86, "clone", 120), new Nr(ScmpArch.X86, "_llseek", 140), new Nr(ScmpArch.X86, "cachestat", 451),
                new Nr(ScmpArch.X32, "read", x32), new Nr(ScmpArch.X32, "mount", x32 + 165), new Nr(ScmpArch.X32, "execve", x32 + 520),
                new Nr(ScmpArch.AARCH64, "read", 63), new Nr(ScmpArch.AARCH64, "mount", 40), new Nr(ScmpArch.AARCH64, "clone", 220),
                new Nr(ScmpArch.AARCH64, "unshare", 97), new Nr(ScmpArch.AARCH64, "fstat", 80), new Nr(ScmpArch.AARCH64, "mseal", 462),
                new Nr(ScmpArch.ARM, "read", 3), new Nr(ScmpArch.ARM, "mount", 21), new Nr(ScmpArch.ARM, "cacheflush", 0x0f0002),
                new Nr(ScmpArch.ARM, "set_tls", 0x0f0005))) {
            assertEquals(nr.number(), SyscallTable.of(nr.abi()).number(nr.name()).orElse(-1), nr.abi() + " " + nr.name());
        }
        assertTrue(SyscallTable.of(ScmpArch.X86).number("map_shadow_stack").isEmpty(), "i386 has no map_shadow_stack");
        assertTrue(SyscallTable.of(ScmpArch.AARCH64).number("open").isEmpty(), "arm64 has only openat");
    }

    @Test
    void everyLaterCallIsInItsTables() throws Exception {
        SyscallTableGenerator.laterSyscalls().forEach((abi, calls) -> calls.forEach((name, nr) ->
                assertEquals(nr, SyscallTable.of(abi).number(name).orElse(-1), abi + " " + name)));
    }

    @Test
    void tablesAreSortedAndHaveNoRepeats() {
        for (ScmpArch abi : SyscallTableGenerator.ABIS) {
            List<Integer> numbers = new ArrayList<>(SyscallTable.of(abi).all().values());
            List<Integer> sorted = new ArrayList<>(numbers);
            sorted.sort(null);
            assertEquals(sorted, numbers, abi.name());
            assertTrue(numbers.size() > 300, abi + " has " + numbers.size() + " calls");
        }
    }
}
