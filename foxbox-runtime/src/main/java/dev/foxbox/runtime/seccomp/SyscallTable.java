package dev.foxbox.runtime.seccomp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * System call numbers by name for one ABI, read from {@code syscalls/<abi>.tsv} beside this class.
 *
 * <p>The tables are generated, not typed: {@code SyscallTableGenerator} (in the test sources) reads
 * the kernel's uapi headers ({@code asm/unistd_64.h}, {@code unistd_32.h}, {@code unistd_x32.h},
 * {@code asm-generic/unistd.h}, arm's {@code asm/unistd.h}) and adds the few calls newer than those
 * headers from the test resource {@code seccomp/later-syscalls.tsv}; {@code SyscallTableTest}
 * checks the tables against the headers of the machine it runs on. x32 numbers include {@link ScmpArch#X32_SYSCALL_BIT}; arm's
 * private calls (cacheflush, set_tls, …) are at 0x0f0000 and up, as the kernel numbers them.
 */
public final class SyscallTable {

    private static final Map<ScmpArch, SyscallTable> CACHE = Collections.synchronizedMap(new EnumMap<>(ScmpArch.class));

    private final ScmpArch abi;
    private final Map<String, Integer> numbers;

    private SyscallTable(ScmpArch abi, Map<String, Integer> numbers) {
        this.abi = abi;
        this.numbers = Collections.unmodifiableMap(numbers);
    }

    /** The table of a supported ABI ({@link ScmpArch#supported()}). */
    public static SyscallTable of(ScmpArch abi) {
        if (!abi.supported()) {
            throw new IllegalArgumentException("no syscall table for " + abi.scmpName());
        }
        return CACHE.computeIfAbsent(abi, SyscallTable::load);
    }

    /** The resource name of an ABI's table, e.g. {@code syscalls/x86_64.tsv}. */
    static String resourceName(ScmpArch abi) {
        return "syscalls/" + abi.name().toLowerCase(java.util.Locale.ROOT) + ".tsv";
    }

    private static SyscallTable load(ScmpArch abi) {
        String name = resourceName(abi);
        try (InputStream in = SyscallTable.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("syscall table " + name + " is missing from the jar");
            }
            return new SyscallTable(abi, parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read syscall table " + name, e);
        }
    }

    /** Lines of {@code name<TAB>number}; {@code #} starts a comment. */
    static Map<String, Integer> parse(BufferedReader reader, String what) throws IOException {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 2 || numbers.putIfAbsent(fields[0], Integer.decode(fields[1])) != null) {
                throw new IllegalStateException(what + ":" + lineNo + ": bad or repeated entry: " + line);
            }
        }
        return numbers;
    }

    public ScmpArch abi() {
        return abi;
    }

    /** The number of the call named {@code name} on this ABI, if it has one. */
    public OptionalInt number(String name) {
        Integer n = numbers.get(name);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /** Every name and number, in table order (by number). */
    public Map<String, Integer> all() {
        return numbers;
    }
}
