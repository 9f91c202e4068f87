package dev.foxbox.runtime.seccomp;

import static dev.foxbox.runtime.seccomp.FilterRunner.ALLOW;
import static dev.foxbox.runtime.seccomp.FilterRunner.ENOSYS;
import static dev.foxbox.runtime.seccomp.FilterRunner.EPERM;
import static dev.foxbox.runtime.seccomp.FilterRunner.KILL_THREAD;
import static dev.foxbox.runtime.seccomp.FilterRunner.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.runtime.caps.Capability;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The default profile's decisions, run through the BPF interpreter: docker's behaviour, fact by fact. */
class DefaultProfileTest {

    static final long CLONE_NEWNS = 0x00020000L;
    static final long CLONE_NEWUSER = 0x10000000L;
    static final long CLONE_NEWNET = 0x40000000L;
    /** What glibc's fork() passes: CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD. */
    static final long FORK_FLAGS = 0x01200011L;
    /** What pthread_create passes. */
    static final long THREAD_FLAGS = 0x003d0f00L;
    static final int AF_INET = 2;
    static final int AF_VSOCK = 40;

    static FilterRunner compile(Arch arch, Set<Capability> caps) throws InvalidProfileException {
        return new FilterRunner(SeccompCompiler.compile(SeccompProfiles.dockerDefault(), arch, caps));
    }

    static Set<Capability> podmanPlus(Capability... more) {
        Set<Capability> caps = EnumSet.copyOf(Capability.podmanDefaults());
        caps.addAll(List.of(more));
        return caps;
    }

    static void expect(int expected, int actual, String call) {
        assertEquals(show(expected), show(actual), call);
    }

    @Test
    void theDigestThatKeysCompiledFiltersIsTheProfiles() {
        String actual = dev.foxbox.image.model.Digest.sha256(SeccompProfiles.dockerDefaultJson()).hex();
        assertEquals(actual, SeccompProfiles.DOCKER_DEFAULT_SHA256,
                "default-profile.json changed: set SeccompProfiles.DOCKER_DEFAULT_SHA256 to " + actual);
    }

    @Test
    void everydayCallsAreAllowed() throws Exception {
        FilterRunner f = compile(Arch.X86_64, Capability.podmanDefaults());
        for (String name : List.of("read", "write", "openat", "close", "mmap", "execve", "exit_group", "getpid",
                "futex", "rt_sigaction", "epoll_wait", "socketpair", "ptrace", "chown", "setuid", "arch_prctl",
                "fchmodat2", "futex_wait", "io_uring_setup", "chroot")) {
            expect(ALLOW, f.call(ScmpArch.X86_64, name), name);
        }
    }

    @Test
    void privilegedCallsGetEperm() throws Exception {
        FilterRunner f = compile(Arch.X86_64, Capability.podmanDefaults());
        for (String name : List.of("mount", "umount2", "unshare", "setns", "keyctl", "add_key", "request_key",
                "bpf", "perf_event_open", "kexec_load", "init_module", "reboot", "swapon", "pivot_root",
                "open_by_handle_at", "settimeofday", "syslog", "iopl", "acct", "kcmp", "vhangup", "mbind",
                "sethostname", "userfaultfd", "fsopen", "move_mount")) {
            expect(EPERM, f.call(ScmpArch.X86_64, name), name);
        }
    }

    @Test
    void unshareWithNewUserIsRefused() throws Exception {
        expect(EPERM, compile(Arch.X86_64, Capability.podmanDefaults()).call(ScmpArch.X86_64, "unshare", CLONE_NEWUSER),
                "unshare(CLONE_NEWUSER)");
        expect(ALLOW, compile(Arch.X86_64, podmanPlus(Capability.SYS_ADMIN)).call(ScmpArch.X86_64, "unshare", CLONE_NEWUSER),
                "unshare(CLONE_NEWUSER) with CAP_SYS_ADMIN");
    }

    @Test
    void cloneMakesProcessesAndThreadsButNoNamespacesWithoutSysAdmin() throws Exception {
        FilterRunner f = compile(Arch.X86_64, Capability.podmanDefaults());
        expect(ALLOW, f.call(ScmpArch.X86_64, "clone", FORK_FLAGS), "clone(fork)");
        expect(ALLOW, f.call(ScmpArch.X86_64, "clone", THREAD_FLAGS), "clone(thread)");
        expect(EPERM, f.call(ScmpArch.X86_64, "clone", FORK_FLAGS | CLONE_NEWUSER), "clone(CLONE_NEWUSER)");
        expect(EPERM, f.call(ScmpArch.X86_64, "clone", CLONE_NEWNS), "clone(CLONE_NEWNS)");
        expect(EPERM, f.call(ScmpArch.X86_64, "clone", CLONE_NEWNET), "clone(CLONE_NEWNET)");
        // Bits above 32 are not namespace flags: the mask leaves them alone, as docker's does.
        expect(ALLOW, f.call(ScmpArch.X86_64, "clone", FORK_FLAGS | 0x1_0000_0000L), "clone(high bit)");

        FilterRunner admin = compile(Arch.X86_64, podmanPlus(Capability.SYS_ADMIN));
        expect(ALLOW, admin.call(ScmpArch.X86_64, "clone", FORK_FLAGS | CLONE_NEWUSER), "clone(CLONE_NEWUSER) with CAP_SYS_ADMIN");
        expect(ALLOW, admin.call(ScmpArch.X86_64, "mount"), "mount with CAP_SYS_ADMIN");
    }

    @Test
    void clone3FailsWithEnosysSoLibcFallsBackToClone() throws Exception {
        expect(ENOSYS, compile(Arch.X86_64, Capability.podmanDefaults()).call(ScmpArch.X86_64, "clone3"), "clone3");
        expect(ALLOW, compile(Arch.X86_64, podmanPlus(Capability.SYS_ADMIN)).call(ScmpArch.X86_64, "clone3"),
                "clone3 with CAP_SYS_ADMIN");
    }

    @Test
    void personalityAllowsOnlyHarmlessPersonas() throws Exception {
        FilterRunner f = compile(Arch.X86_64, Capability.podmanDefaults());
        for (long persona : new long[] {0x0, 0x8, 0x20000, 0x20008, 0xffffffffL}) {
            expect(ALLOW, f.call(ScmpArch.X86_64, "personality", persona), "personality(0x" + Long.toHexString(persona) + ")");
        }
        for (long persona : new long[] {0x1, 0x0400000 /* READ_IMPLIES_EXEC */, 0x0040000 /* ADDR_NO_RANDOMIZE */,
                0x1_0000_0008L, 0xffffffff_ffffffffL}) {
            expect(EPERM, f.call(ScmpArch.X86_64, "personality", persona), "personality(0x" + Long.toHexString(persona) + ")");
        }
    }

    @Test
    void vsockSocketsAreRefused() throws Exception {
        FilterRunner f = compile(Arch.X86_64, Capability.podmanDefaults());
        expect(ALLOW, f.call(ScmpArch.X86_64, "socket", AF_INET), "socket(AF_INET)");
        expect(EPERM, f.call(ScmpArch.X86_64, "socket", AF_VSOCK), "socket(AF_VSOCK)");
        expect(ALLOW, f.call(ScmpArch.X86_64, "socket", 0x1_0000_0000L | AF_VSOCK), "socket(high bits + AF_VSOCK)");
    }

    @Test
    void capabilitiesUnlockTheirCalls() throws Exception {
        record Case(Capability cap, String call) {}
        for (Case c : List.of(new Case(Capability.SYS_PTRACE, "kcmp"), new Case(Capability.SYS_PTRACE, "pidfd_getfd"),
                new Case(Capability.SYS_BOOT, "reboot"), new Case(Capability.SYS_MODULE, "finit_module"),
                new Case(Capability.SYS_PACCT, "acct"), new Case(Capability.SYS_NICE, "mbind"),
                new Case(Capability.SYS_NICE, "set_mempolicy_home_node"), new Case(Capability.SYS_RAWIO, "iopl"),
                new Case(Capability.SYS_TIME, "settimeofday"), new Case(Capability.SYS_TIME, "clock_settime"),
                new Case(Capability.SYS_TTY_CONFIG, "vhangup"), new Case(Capability.SYSLOG, "syslog"),
                new Case(Capability.BPF, "bpf"), new Case(Capability.PERFMON, "perf_event_open"),
                new Case(Capability.DAC_READ_SEARCH, "open_by_handle_at"), new Case(Capability.SYS_ADMIN, "setns"),
                new Case(Capability.SYS_ADMIN, "fsopen"), new Case(Capability.SYS_ADMIN, "sethostname"))) {
            expect(EPERM, compile(Arch.X86_64, Capability.podmanDefaults()).call(ScmpArch.X86_64, c.call()), c.call());
            expect(ALLOW, compile(Arch.X86_64, podmanPlus(c.cap())).call(ScmpArch.X86_64, c.call()),
                    c.call() + " with " + c.cap().capName());
        }
        Set<Capability> noChroot = EnumSet.copyOf(Capability.podmanDefaults());
        noChroot.remove(Capability.SYS_CHROOT);
        expect(EPERM, compile(Arch.X86_64, noChroot).call(ScmpArch.X86_64, "chroot"), "chroot after --cap-drop SYS_CHROOT");
    }

    @Test
    void i386CallsAreFilteredByTheirOwnNumbers() throws Exception {
        FilterRunner f = compile(Arch.X86_64, Capability.podmanDefaults());
        expect(ALLOW, f.call(ScmpArch.X86, "getpid"), "i386 getpid");
        expect(ALLOW, f.call(ScmpArch.X86, "socketcall"), "i386 socketcall");
        expect(ALLOW, f.call(ScmpArch.X86, "mmap2"), "i386 mmap2");
        expect(ALLOW, f.call(ScmpArch.X86, "modify_ldt"), "i386 modify_ldt");
        expect(EPERM, f.call(ScmpArch.X86, "mount"), "i386 mount");
        expect(EPERM, f.call(ScmpArch.X86, "unshare", CLONE_NEWUSER), "i386 unshare");
        expect(EPERM, f.call(ScmpArch.X86, "clone", CLONE_NEWUSER), "i386 clone(CLONE_NEWUSER)");
        expect(ALLOW, f.call(ScmpArch.X86, "clone", FORK_FLAGS), "i386 clone(fork)");
        expect(ALLOW, f.call(ScmpArch.X86, "personality", 0xffffffffL), "i386 personality(query)");
        // i386 mount's number is x86_64's access: only the arch check keeps them apart.
        int mount = SyscallTable.of(ScmpArch.X86).number("mount").getAsInt();
        assertEquals(mount, SyscallTable.of(ScmpArch.X86_64).number("access").getAsInt());
        expect(ALLOW, f.raw(ScmpArch.X86_64.auditArch(), mount), "x86_64 access");
    }

    @Test
    void x32CallsCannotBypassTheRules() throws Exception {
        FilterRunner f = compile(Arch.X86_64, Capability.podmanDefaults());
        expect(ALLOW, f.call(ScmpArch.X32, "read"), "x32 read");
        expect(ALLOW, f.call(ScmpArch.X32, "execve"), "x32 execve (512+ range)");
        expect(EPERM, f.call(ScmpArch.X32, "mount"), "x32 mount");
        expect(EPERM, f.call(ScmpArch.X32, "unshare", CLONE_NEWUSER), "x32 unshare");
        expect(EPERM, f.call(ScmpArch.X32, "clone", CLONE_NEWUSER), "x32 clone(CLONE_NEWUSER)");
        expect(EPERM, f.call(ScmpArch.X32, "keyctl"), "x32 keyctl");
    }

    @Test
    void withoutX32InTheProfileX32CallsAreKilled() throws Exception {
        SeccompProfile nativeOnly = new SeccompProfile(Action.Errno.EPERM, List.of(), List.of(),
                List.of(SyscallRule.allow(List.of("read", "mount"))), Set.of());
        FilterRunner f = new FilterRunner(SeccompCompiler.compile(nativeOnly, Arch.X86_64, Set.of()));
        expect(ALLOW, f.call(ScmpArch.X86_64, "read"), "read");
        expect(KILL_THREAD, f.call(ScmpArch.X32, "read"), "x32 read");
        expect(KILL_THREAD, f.call(ScmpArch.X86, "read"), "i386 read");
    }

    @Test
    void unknownArchitecturesAreKilled() throws Exception {
        FilterRunner f = compile(Arch.X86_64, Capability.podmanDefaults());
        expect(KILL_THREAD, f.raw(0xc0000015 /* AUDIT_ARCH_PPC64LE */, 0), "ppc64le read");
        expect(KILL_THREAD, f.raw(ScmpArch.AARCH64.auditArch(), 63), "aarch64 read on an x86_64 filter");
    }

    @Test
    void callsNewerThanTheProfileGetEnosys() throws Exception {
        FilterRunner f = compile(Arch.X86_64, Capability.podmanDefaults());
        int highest = SyscallTable.of(ScmpArch.X86_64).number("futex_requeue").getAsInt();
        expect(ENOSYS, f.raw(ScmpArch.X86_64.auditArch(), highest + 1), "the call after futex_requeue");
        expect(ENOSYS, f.raw(ScmpArch.X86_64.auditArch(), 1000), "call 1000");
        expect(EPERM, f.call(ScmpArch.X86_64, "kexec_file_load"), "an old call the profile leaves out");
    }

    @Test
    void aarch64FilterCoversArmToo() throws Exception {
        FilterRunner f = compile(Arch.AARCH64, Capability.podmanDefaults());
        expect(ALLOW, f.call(ScmpArch.AARCH64, "read"), "read");
        expect(ALLOW, f.call(ScmpArch.AARCH64, "clone", FORK_FLAGS), "clone(fork)");
        expect(EPERM, f.call(ScmpArch.AARCH64, "clone", CLONE_NEWUSER), "clone(CLONE_NEWUSER)");
        expect(EPERM, f.call(ScmpArch.AARCH64, "mount"), "mount");
        expect(EPERM, f.call(ScmpArch.AARCH64, "unshare", CLONE_NEWUSER), "unshare");
        expect(EPERM, f.call(ScmpArch.AARCH64, "keyctl"), "keyctl");
        expect(ENOSYS, f.call(ScmpArch.AARCH64, "clone3"), "clone3");
        expect(ALLOW, f.call(ScmpArch.ARM, "getpid"), "arm getpid");
        expect(ALLOW, f.call(ScmpArch.ARM, "cacheflush"), "arm cacheflush");
        expect(ALLOW, f.call(ScmpArch.ARM, "set_tls"), "arm set_tls");
        expect(EPERM, f.call(ScmpArch.ARM, "mount"), "arm mount");
        expect(EPERM, f.call(ScmpArch.ARM, "personality", 0x1), "arm personality(1)");
        expect(KILL_THREAD, f.call(ScmpArch.X86_64, "read"), "x86_64 read on an aarch64 filter");
        expect(ALLOW, f.call(ScmpArch.ARM, "arm_fadvise64_64"), "arm arm_fadvise64_64");
    }

    @Test
    void summaryForTrace() throws Exception {
        for (Arch arch : Arch.values()) {
            CompiledFilter filter = SeccompCompiler.compile(SeccompProfiles.dockerDefault(), arch, Capability.podmanDefaults());
            System.out.println(arch + " default profile: " + filter.summary() + "; unknown: " + filter.unknownSyscalls());
            assertEquals("ERRNO(EPERM)", filter.defaultAction());
            assertTrue(filter.instructions() < SeccompCompiler.MAX_INSTRUCTIONS, filter.summary());
            assertTrue(filter.rules() > 250, filter.summary());
            assertEquals(filter.instructions() * 8, filter.program().length);
        }
        CompiledFilter x86 = SeccompCompiler.compile(SeccompProfiles.dockerDefault(), Arch.X86_64, Capability.podmanDefaults());
        assertEquals(List.of(ScmpArch.X86_64, ScmpArch.X86, ScmpArch.X32), x86.abis());
        // recv and send are socketcall operations, not calls, on every ABI foxbox covers.
        assertTrue(x86.unknownSyscalls().containsAll(List.of("recv", "send")), x86.unknownSyscalls().toString());
    }
}
