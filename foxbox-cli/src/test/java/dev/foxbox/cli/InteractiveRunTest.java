package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4: {@code foxbox run -it IMAGE sh} is a working interactive shell, driven through tmux. */
class InteractiveRunTest {

    @TempDir
    static Path dir;

    static Foxbox foxbox;

    @BeforeAll
    static void image() throws Exception {
        HostTools.require("tmux");
        foxbox = new Foxbox(dir.resolve("root"));
        TestBoxImage.importInto(foxbox, dir);
    }

    @AfterAll
    static void removeImage() {
        if (foxbox != null) {
            foxbox.run("rmi", "probe");
        }
    }

    @Test
    void anInteractiveShellInATerminal() throws Exception {
        String session = "foxbox-test-" + ProcessHandle.current().pid();
        List<String> command = new ArrayList<>(foxbox.process("run", "--rm", "-it", "--hostname", "tty-box", "probe", "sh").command());
        String shellLine = String.join(" ", command.stream().map(w -> "'" + w + "'").toList())
                + "; echo foxbox-exited-$?; sleep 30";
        HostTools.runOk(dir, "tmux", "-L", session, "new-session", "-d", "-s", session, "-x", "100", "-y", "30", shellLine);
        try {
            String screen = waitFor(session, "#", 30);
            tmux(session, "send-keys", "-t", session, "echo answer=$((6*7)); tty; hostname; stty size", "Enter");
            screen = waitFor(session, "answer=42", 10);
            screen = waitFor(session, "30 100", 10);
            assertTrue(screen.contains("/dev/pts/0"), "no terminal of the box's own devpts:\n" + screen);
            assertTrue(screen.contains("tty-box"), screen);
            tmux(session, "resize-window", "-t", session, "-x", "90", "-y", "25");
            tmux(session, "send-keys", "-t", session, "stty size", "Enter");
            waitFor(session, "25 90", 10);
            tmux(session, "send-keys", "-t", session, "exit 3", "Enter");
            screen = waitFor(session, "foxbox-exited-3", 15);
        } finally {
            HostTools.run(dir, List.of("tmux", "-L", session, "kill-server"));
        }
    }

    @Test
    void execIntoARunningBoxWithATerminal() throws Exception {
        foxbox.runProcess("run", "-d", "--name", "target", "probe", "sleep", "60").ok();
        String session = "foxbox-exec-" + ProcessHandle.current().pid();
        List<String> command = new ArrayList<>(foxbox.process("exec", "-it", "target", "sh").command());
        String shellLine = String.join(" ", command.stream().map(w -> "'" + w + "'").toList())
                + "; echo exec-exited-$?; sleep 30";
        HostTools.runOk(dir, "tmux", "-L", session, "new-session", "-d", "-s", session, "-x", "100", "-y", "30", shellLine);
        try {
            waitFor(session, "#", 30);
            tmux(session, "send-keys", "-t", session, "hostname; tty; ps -o pid,comm | grep -c sleep", "Enter");
            String screen = waitFor(session, "/dev/pts/", 10);
            assertTrue(screen.contains("target"), screen);
            tmux(session, "send-keys", "-t", session, "exit 4", "Enter");
            waitFor(session, "exec-exited-4", 15);
        } finally {
            HostTools.run(dir, List.of("tmux", "-L", session, "kill-server"));
            foxbox.runProcess("rm", "-f", "target");
        }
    }

    private static void tmux(String session, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", session));
        command.addAll(List.of(args));
        HostTools.runOk(dir, command.toArray(String[]::new));
    }

    private static String waitFor(String session, String text, int seconds) throws Exception {
        String screen = "";
        for (int i = 0; i < seconds * 5; i++) {
            screen = HostTools.runOk(dir, "tmux", "-L", session, "capture-pane", "-p", "-t", session);
            if (screen.contains(text)) {
                return screen;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("'" + text + "' never appeared on the terminal:\n" + screen);
    }
}
