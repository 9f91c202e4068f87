package dev.foxbox.runtime.seccomp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads system call numbers from the kernel's uapi headers installed on this machine: the source of
 * truth the tables in {@code syscalls/*.tsv} are generated from ({@link SyscallTableGenerator}) and
 * checked against ({@code SyscallTableTest}).
 *
 * <p>The x86 headers are plain {@code #define __NR_x 12} lists. aarch64 has no list of its own: its
 * {@code asm/unistd.h} sets a few {@code __ARCH_WANT_*} switches and includes
 * {@code asm-generic/unistd.h}, so that header is run through the C preprocessor with the same
 * switches. arm's headers (Debian's linux-libc-dev-armhf-cross) are preprocessed for EABI.
 */
final class SyscallHeaders {

    /** The switches arch/arm64/include/uapi/asm/unistd.h sets before including the generic table. */
    static final List<String> ARM64_WANTS = List.of(
            "__ARCH_WANT_RENAMEAT", "__ARCH_WANT_NEW_STAT", "__ARCH_WANT_SET_GET_RLIMIT",
            "__ARCH_WANT_TIME32_SYSCALLS", "__ARCH_WANT_SYS_CLONE3", "__ARCH_WANT_MEMFD_SECRET");

    private static final Pattern PLAIN = Pattern.compile("^#define __NR_([a-z0-9_]+)\\s+(\\d+)\\s*$");
    private static final Pattern X32 = Pattern.compile(
            "^#define __NR_([a-z0-9_]+)\\s+\\(__X32_SYSCALL_BIT \\+ (\\d+)\\)\\s*$");
    private static final Pattern DEFINE = Pattern.compile("^#define (\\w+) (.*)$");
    /** Macros that look like calls but are not: the table size and the start of arch-private numbers. */
    private static final List<String> NOT_CALLS = List.of("syscalls", "arch_specific_syscall");

    private SyscallHeaders() {}

    /** The header an ABI's numbers come from on this machine, if it is installed. */
    static Optional<Path> header(ScmpArch abi) {
        List<String> candidates = switch (abi) {
            case X86_64 -> List.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h", "/usr/include/asm/unistd_64.h");
            case X86 -> List.of("/usr/include/x86_64-linux-gnu/asm/unistd_32.h", "/usr/include/asm/unistd_32.h");
            case X32 -> List.of("/usr/include/x86_64-linux-gnu/asm/unistd_x32.h", "/usr/include/asm/unistd_x32.h");
            case AARCH64 -> List.of("/usr/include/asm-generic/unistd.h");
            case ARM -> List.of("/usr/arm-linux-gnueabihf/include/asm/unistd.h");
            default -> List.of();
        };
        return candidates.stream().map(Path::of).filter(Files::isRegularFile).findFirst();
    }

    /** Whether reading {@code abi} needs the C preprocessor. */
    static boolean needsPreprocessor(ScmpArch abi) {
        return abi == ScmpArch.AARCH64 || abi == ScmpArch.ARM;
    }

    /** The numbers the installed header defines for {@code abi}, by number. */
    static Map<String, Integer> read(ScmpArch abi, Path header) throws IOException, InterruptedException {
        return switch (abi) {
            case X86_64, X86 -> plain(header, PLAIN, 0);
            case X32 -> plain(header, X32, ScmpArch.X32_SYSCALL_BIT);
            case AARCH64 -> preprocessed(header, ARM64_WANTS, List.of());
            case ARM -> preprocessed(header, List.of("__ARM_EABI__"),
                    List.of("-nostdinc", "-I", header.getParent().getParent().toString()));
            default -> throw new IllegalArgumentException("no header for " + abi);
        };
    }

    private static Map<String, Integer> plain(Path header, Pattern pattern, int base) throws IOException {
        Map<String, Integer> numbers = new HashMap<>();
        for (String line : Files.readAllLines(header, StandardCharsets.UTF_8)) {
            Matcher m = pattern.matcher(line);
            if (m.matches()) {
                numbers.put(m.group(1), base + Integer.parseInt(m.group(2)));
            }
        }
        return byNumber(numbers);
    }

    /** Runs {@code gcc -E -dM} over the header with {@code defines} set, then evaluates the __NR_ macros. */
    private static Map<String, Integer> preprocessed(Path header, List<String> defines, List<String> flags)
            throws IOException, InterruptedException {
        StringBuilder source = new StringBuilder();
        defines.forEach(d -> source.append("#define ").append(d).append('\n'));
        source.append("#include \"").append(header.toAbsolutePath()).append("\"\n");
        List<String> command = new java.util.ArrayList<>(List.of("gcc", "-E", "-dM"));
        command.addAll(flags);
        command.addAll(List.of("-x", "c", "-"));
        Process gcc = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        gcc.getOutputStream().write(source.toString().getBytes(StandardCharsets.UTF_8));
        gcc.getOutputStream().close();
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new IOException("gcc -E -dM failed on " + header);
        }
        Map<String, String> macros = new HashMap<>();
        for (String line : out.split("\n")) {
            Matcher m = DEFINE.matcher(line);
            if (m.matches()) {
                macros.put(m.group(1), m.group(2).trim());
            }
        }
        Map<String, Integer> numbers = new HashMap<>();
        for (String macro : macros.keySet()) {
            String name = macro.startsWith("__NR_") ? macro.substring(5)
                    : macro.startsWith("__ARM_NR_") ? macro.substring(9) : null;
            if (name != null && name.matches("[a-z_][a-z0-9_]*") && !NOT_CALLS.contains(name)) {
                numbers.put(name, new MacroValue(macros).of(macro));
            }
        }
        return byNumber(numbers);
    }

    static Map<String, Integer> byNumber(Map<String, Integer> numbers) {
        Map<String, Integer> sorted = new java.util.LinkedHashMap<>();
        new TreeMap<>(numbers).entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Evaluates macro bodies made of numbers, other macros, {@code +} and parentheses. */
    private static final class MacroValue {
        private final Map<String, String> macros;
        private String text;
        private int pos;

        MacroValue(Map<String, String> macros) {
            this.macros = macros;
        }

        int of(String macro) {
            String body = macros.get(macro);
            if (body == null) {
                throw new IllegalStateException("undefined macro " + macro);
            }
            MacroValue inner = new MacroValue(macros);
            inner.text = body;
            int value = inner.sum();
            if (inner.skipSpaces() < body.length()) {
                throw new IllegalStateException("cannot evaluate " + macro + " = " + body);
            }
            return value;
        }

        private int sum() {
            int value = term();
            while (skipSpaces() < text.length() && text.charAt(pos) == '+') {
                pos++;
                value += term();
            }
            return value;
        }

        private int term() {
            skipSpaces();
            char c = text.charAt(pos);
            if (c == '(') {
                pos++;
                int value = sum();
                skipSpaces();
                pos++; // ')'
                return value;
            }
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String token = text.substring(start, pos);
            return Character.isDigit(c) ? Integer.decode(token.replaceAll("[uUlL]+$", "")) : of(token);
        }

        private int skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
            return pos;
        }
    }
}
