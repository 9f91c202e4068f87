package dev.foxbox.cli;

import dev.foxbox.runtime.box.BoxSpec;
import dev.foxbox.runtime.box.BoxSpec.MountSpec;
import dev.foxbox.runtime.box.BoxSpec.PortMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** docker's syntax for -p, -v, --tmpfs, --mount, --network and sizes, parsed into a box's spec. */
final class BoxFlags {

    private BoxFlags() {}

    /** {@code [hostIP:][hostPort:]boxPort[/proto]}, ports or ranges ({@code 8000-8001:80-81}). */
    static List<PortMapping> ports(String text) {
        String spec = text;
        String proto = "tcp";
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            proto = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
            spec = spec.substring(0, slash);
        }
        String hostIp = "";
        String hostPorts = "";
        String boxPorts;
        if (spec.startsWith("[")) { // [::1]:8080:80
            int close = spec.indexOf(']');
            hostIp = spec.substring(1, close);
            spec = spec.substring(close + 2);
        }
        String[] parts = spec.split(":", -1);
        switch (parts.length) {
            case 1 -> boxPorts = parts[0];
            case 2 -> {
                hostPorts = parts[0];
                boxPorts = parts[1];
            }
            case 3 -> {
                hostIp = parts[0];
                hostPorts = parts[1];
                boxPorts = parts[2];
            }
            default -> throw new IllegalArgumentException("invalid port spec '" + text + "': [hostIP:][hostPort:]boxPort[/tcp|/udp]");
        }
        int[] box = range(boxPorts, text);
        int[] host = hostPorts.isEmpty() ? new int[] {0, 0} : range(hostPorts, text);
        int count = box[1] - box[0] + 1;
        if (!hostPorts.isEmpty() && host[1] - host[0] + 1 != count) {
            throw new IllegalArgumentException("invalid port spec '" + text + "': the host and box ranges differ in size");
        }
        List<PortMapping> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new PortMapping(hostIp, hostPorts.isEmpty() ? 0 : host[0] + i, box[0] + i, proto));
        }
        return out;
    }

    private static int[] range(String text, String whole) {
        try {
            int dash = text.indexOf('-');
            int a = Integer.parseInt(dash < 0 ? text : text.substring(0, dash));
            int b = dash < 0 ? a : Integer.parseInt(text.substring(dash + 1));
            if (a < 1 || b < a || b > 65535) {
                throw new NumberFormatException();
            }
            return new int[] {a, b};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port spec '" + whole + "': bad port or range '" + text + "'");
        }
    }

    /** {@code -v /host:/box[:ro]}, {@code -v name:/box[:ro]}, {@code -v /box} (anonymous). */
    static MountSpec volume(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length == 1) {
            return new MountSpec(MountSpec.Kind.VOLUME, null, parts[0], false, null);
        }
        if (parts.length > 3) {
            throw new IllegalArgumentException("invalid volume spec '" + text + "': SOURCE:DESTINATION[:ro|rw]");
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            for (String option : parts[2].split(",")) {
                switch (option) {
                    case "ro" -> readOnly = true;
                    case "rw", "z", "Z", "rbind", "bind" -> { }
                    default -> throw new IllegalArgumentException("invalid volume option '" + option + "' in '" + text + "'");
                }
            }
        }
        MountSpec.Kind kind = parts[0].startsWith("/") ? MountSpec.Kind.BIND : MountSpec.Kind.VOLUME;
        return new MountSpec(kind, parts[0], parts[1], readOnly, null);
    }

    /** {@code --tmpfs /path[:size=64m,mode=1777]}. */
    static MountSpec tmpfs(String text) {
        int colon = text.indexOf(':');
        String target = colon < 0 ? text : text.substring(0, colon);
        String options = colon < 0 ? "mode=1777" : text.substring(colon + 1);
        boolean readOnly = List.of(options.split(",")).contains("ro");
        return new MountSpec(MountSpec.Kind.TMPFS, null, target, readOnly, tmpfsOptions(options));
    }

    /** {@code --mount type=bind|volume|tmpfs,source=…,target=…,readonly,tmpfs-size=…,tmpfs-mode=…}. */
    static MountSpec mount(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String field : text.split(",")) {
            int eq = field.indexOf('=');
            kv.put(eq < 0 ? field : field.substring(0, eq), eq < 0 ? "true" : field.substring(eq + 1));
        }
        String type = kv.getOrDefault("type", "volume");
        String source = kv.containsKey("source") ? kv.get("source") : kv.get("src");
        String target = kv.containsKey("target") ? kv.get("target") : kv.containsKey("destination") ? kv.get("destination") : kv.get("dst");
        boolean readOnly = List.of("true", "1").contains(kv.getOrDefault("readonly", kv.getOrDefault("ro", "false")));
        if (target == null) {
            throw new IllegalArgumentException("invalid --mount '" + text + "': no target");
        }
        return switch (type) {
            case "bind" -> {
                if (source == null) {
                    throw new IllegalArgumentException("invalid --mount '" + text + "': a bind mount needs a source");
                }
                yield new MountSpec(MountSpec.Kind.BIND, source, target, readOnly, null);
            }
            case "volume" -> new MountSpec(MountSpec.Kind.VOLUME, source, target, readOnly, null);
            case "tmpfs" -> {
                List<String> options = new ArrayList<>();
                if (kv.containsKey("tmpfs-size")) {
                    options.add("size=" + size(kv.get("tmpfs-size")));
                }
                options.add("mode=" + kv.getOrDefault("tmpfs-mode", "1777"));
                yield new MountSpec(MountSpec.Kind.TMPFS, null, target, readOnly, String.join(",", options));
            }
            default -> throw new IllegalArgumentException("invalid --mount '" + text + "': type bind, volume or tmpfs");
        };
    }

    private static String tmpfsOptions(String options) {
        List<String> out = new ArrayList<>();
        boolean mode = false;
        for (String o : options.split(",")) {
            if (o.startsWith("size=")) {
                out.add("size=" + size(o.substring(5)));
            } else if (o.startsWith("mode=")) {
                mode = true;
                out.add(o);
            } else if (!o.isEmpty() && !o.equals("ro") && !o.equals("rw")) {
                out.add(o);
            }
        }
        if (!mode) {
            out.add("mode=1777");
        }
        return String.join(",", out);
    }

    /** Bytes from docker's size syntax: 512, 512k, 64m, 1g, 1.5g. */
    static long size(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        long unit = 1;
        if (!t.isEmpty() && "kmgt".indexOf(t.charAt(t.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmgt".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1);
        }
        try {
            double value = Double.parseDouble(t);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return (long) (value * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size '" + text + "': a number with k, m, g or t, e.g. 512m");
        }
    }

    /** The network and whether the host's loopback is reachable: {@code slirp4netns[:allow_host_loopback=true]}. */
    record NetworkChoice(BoxSpec.Network mode, boolean allowHostLoopback) {}

    static NetworkChoice network(String text) {
        String mode = text;
        boolean loopback = false;
        int colon = text.indexOf(':');
        if (colon >= 0) {
            mode = text.substring(0, colon);
            for (String option : text.substring(colon + 1).split(",")) {
                if (option.equals("allow_host_loopback=true")) {
                    loopback = true;
                } else if (!option.equals("allow_host_loopback=false")) {
                    throw new IllegalArgumentException("unsupported network option '" + option + "' (allow_host_loopback=true)");
                }
            }
        }
        BoxSpec.Network network = switch (mode) {
            case "slirp4netns" -> BoxSpec.Network.SLIRP4NETNS;
            case "none" -> BoxSpec.Network.NONE;
            case "host" -> BoxSpec.Network.HOST;
            default -> throw new IllegalArgumentException("unsupported --network '" + text + "' (slirp4netns, none or host)");
        };
        if (loopback && network != BoxSpec.Network.SLIRP4NETNS) {
            throw new IllegalArgumentException("allow_host_loopback is an option of slirp4netns");
        }
        return new NetworkChoice(network, loopback);
    }
}
