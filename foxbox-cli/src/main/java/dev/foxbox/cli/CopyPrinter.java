package dev.foxbox.cli;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.registry.copy.CopyProgress;
import java.io.Console;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows a copy, a pull or a push, as it goes: on a terminal one line per layer, redrawn ten
 * times a second (bytes, total, rate); otherwise one plain line per layer when it is done, for
 * logs. Notes (retries, a failed mirror) go to stderr. Quiet shows nothing. {@link PullPrinter}
 * and {@link PushPrinter} add how each kind of copy ends.
 */
abstract class CopyPrinter implements CopyProgress {

    /** The words of one kind of copy. */
    record Words(String heading, String done, String active, String complete) {}

    static final Words PULL = new Words("Pulling", "pulled", "Downloading", "Pull complete");
    static final Words PUSH = new Words("Pushing", "pushed", "Uploading", "Pushed");

    final PrintWriter out;
    final PrintWriter err;
    final Words words;

    CopyPrinter(PrintWriter out, PrintWriter err, Words words) {
        this.out = out;
        this.err = err;
        this.words = words;
    }

    static CopyPrinter create(PrintWriter out, PrintWriter err, boolean quiet, Words words) {
        if (quiet) {
            return new CopyPrinter(out, err, words) {
                @Override
                public void note(String line) {
                    // quiet
                }
            };
        }
        return isTerminal() ? new Live(out, err, words) : new Plain(out, err, words);
    }

    /** Whether stdout is a terminal that understands cursor movement. */
    static boolean isTerminal() {
        Console console = System.console();
        String term = System.getenv("TERM");
        if (console == null || term == null || term.isEmpty() || term.equals("dumb")) {
            return false;
        }
        try {
            // JDK 22+ returns a Console for redirected streams too; isTerminal() tells them apart.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public synchronized void note(String line) {
        err.println("foxbox: " + line);
        err.flush();
    }

    /** The copy is over: the live table is drawn a last time. */
    void done() {}

    static String shortId(Digest digest) {
        return digest.shortHex();
    }

    static String rate(long bytes, long nanos) {
        return Human.size((long) (bytes / Math.max(nanos / 1e9, 0.001))) + "/s";
    }

    /** One line per finished layer. */
    static final class Plain extends CopyPrinter {
        private final Map<Digest, Long> started = new ConcurrentHashMap<>();

        Plain(PrintWriter out, PrintWriter err, Words words) {
            super(out, err, words);
        }

        @Override
        public synchronized void resolved(ImageReference reference, Digest manifestDigest, List<Descriptor> blobs) {
            int layers = blobs.size() - 1;
            out.println(words.heading() + " " + reference + " (" + layers + (layers == 1 ? " layer)" : " layers)"));
            out.flush();
        }

        @Override
        public synchronized void blobSkipped(Descriptor blob) {
            out.println(shortId(blob.digest()) + ": already exists");
            out.flush();
        }

        @Override
        public synchronized void blobReused(Descriptor blob, String from) {
            out.println(shortId(blob.digest()) + ": mounted from " + from);
            out.flush();
        }

        @Override
        public void blobStarted(Descriptor blob) {
            started.put(blob.digest(), System.nanoTime());
        }

        @Override
        public synchronized void blobDone(Descriptor blob) {
            long nanos = System.nanoTime() - started.getOrDefault(blob.digest(), System.nanoTime());
            out.println(shortId(blob.digest()) + ": " + words.done() + " " + Human.size(blob.size()) + " in "
                    + String.format(Locale.ROOT, "%.1f", nanos / 1e9) + " s (" + rate(blob.size(), nanos) + ")");
            out.flush();
        }
    }

    /** A table of layers redrawn in place. */
    static final class Live extends CopyPrinter {
        private final List<Descriptor> layers = new ArrayList<>();
        private final Map<Digest, long[]> state = new ConcurrentHashMap<>(); // {bytes, startNanos, status}
        private final Map<Digest, String> mountedFrom = new ConcurrentHashMap<>();
        private Thread painter;
        private int drawn;

        private static final long WAITING = 0;
        private static final long MOVING = 1;
        private static final long EXISTS = 2;
        private static final long COMPLETE = 3;
        private static final long MOUNTED = 4;

        Live(PrintWriter out, PrintWriter err, Words words) {
            super(out, err, words);
        }

        @Override
        public synchronized void resolved(ImageReference reference, Digest manifestDigest, List<Descriptor> blobs) {
            out.println(words.heading() + " " + reference);
            for (Descriptor d : blobs) {
                if (d.mediaType().isLayer()) {
                    layers.add(d);
                    state.put(d.digest(), new long[] {0, 0, WAITING});
                }
            }
            paint();
            painter = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(100);
                        paint();
                    }
                } catch (InterruptedException e) {
                    // done
                }
            }, "foxbox-progress");
            painter.setDaemon(true);
            painter.start();
        }

        @Override
        public void blobSkipped(Descriptor blob) {
            set(blob, 0, EXISTS);
        }

        @Override
        public void blobReused(Descriptor blob, String from) {
            mountedFrom.put(blob.digest(), from);
            set(blob, 0, MOUNTED);
        }

        @Override
        public void blobStarted(Descriptor blob) {
            long[] s = state.get(blob.digest());
            if (s != null) {
                s[1] = System.nanoTime();
                s[2] = MOVING;
            }
        }

        @Override
        public void blobProgress(Descriptor blob, long bytes) {
            long[] s = state.get(blob.digest());
            if (s != null) {
                s[0] = bytes;
            }
        }

        @Override
        public void blobDone(Descriptor blob) {
            set(blob, blob.size(), COMPLETE);
        }

        @Override
        public synchronized void note(String line) {
            super.note(line);
            drawn = 0; // the note moved the cursor: draw the table afresh below it
        }

        private void set(Descriptor blob, long bytes, long status) {
            long[] s = state.get(blob.digest());
            if (s != null) {
                s[0] = bytes;
                s[2] = status;
            }
        }

        @Override
        synchronized void done() {
            if (painter != null) {
                painter.interrupt();
                painter = null;
                paint();
            }
        }

        private synchronized void paint() {
            StringBuilder b = new StringBuilder();
            if (drawn > 0) {
                b.append("\033[").append(drawn).append('A');
            }
            long now = System.nanoTime();
            for (Descriptor layer : layers) {
                long[] s = state.get(layer.digest());
                String status = switch ((int) s[2]) {
                    case (int) MOVING -> String.format(Locale.ROOT, "%-11s %8s / %-8s %10s", words.active(), Human.size(s[0]),
                            Human.size(layer.size()), rate(s[0], now - s[1]));
                    case (int) EXISTS -> "Already exists";
                    case (int) MOUNTED -> "Mounted from " + mountedFrom.get(layer.digest());
                    case (int) COMPLETE -> words.complete() + "  " + Human.size(layer.size());
                    default -> "Waiting";
                };
                b.append("\r\033[2K").append(shortId(layer.digest())).append(": ").append(status).append('\n');
            }
            drawn = layers.size();
            out.print(b);
            out.flush();
        }
    }
}
