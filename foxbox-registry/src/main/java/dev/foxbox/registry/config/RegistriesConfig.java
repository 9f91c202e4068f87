package dev.foxbox.registry.config;

import dev.foxbox.image.model.ImageReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which registries foxbox pulls from and how: mirrors per registry, insecure registries, and
 * where short names ({@code alpine}) are looked for. Read from {@code registries.conf} in
 * foxbox's XDG config directory ({@code $XDG_CONFIG_HOME/foxbox/registries.conf}, else
 * {@code ~/.config/foxbox/registries.conf}); without that file, short names mean Docker Hub,
 * there are no mirrors, and only loopback registries may use plain http.
 *
 * <p>The file is a subset of containers-registries.conf(5), version 2:
 * <pre>
 * unqualified-search-registries = ["docker.io"]   # tried in order for short names
 *
 * [[registry]]
 * location = "docker.io"
 * [[registry.mirror]]                # tried before the registry itself, in order
 * location = "127.0.0.1:5000"        # host[:port][/path prefix]
 *
 * [[registry]]
 * location = "registry.internal:5000"
 * insecure = true                    # https without verifying the certificate, else plain http
 * ca-file = "/etc/pki/internal-ca.pem"   # or: trust this certificate (a foxbox addition)
 * blocked = false                    # true refuses pulls from it
 * </pre>
 * Certificates in {@code certs.d/HOST:PORT/*.crt} under {@code ~/.config/containers},
 * {@code /etc/containers} and {@code /etc/docker} are trusted too, as podman and docker do.
 */
public final class RegistriesConfig {

    public static final String FILE_NAME = "registries.conf";
    private static final String DOCKER_HUB_API = "registry-1.docker.io";

    private final String source;
    private final List<String> shortNameRegistries;
    private final Map<String, RegistryEntry> registries;
    private final List<Path> certsDirs;

    public RegistriesConfig(String source, List<String> shortNameRegistries, List<RegistryEntry> registries,
                            List<Path> certsDirs) {
        this.source = source;
        this.shortNameRegistries = List.copyOf(shortNameRegistries);
        Map<String, RegistryEntry> byLocation = new LinkedHashMap<>();
        for (RegistryEntry entry : registries) {
            byLocation.put(normalizeRegistry(entry.location()), entry);
        }
        this.registries = Map.copyOf(byLocation);
        this.certsDirs = List.copyOf(certsDirs);
    }

    /** No file: short names on Docker Hub, no mirrors, no certs.d. */
    public static RegistriesConfig defaults() {
        return new RegistriesConfig("defaults", List.of(ImageReference.DOCKER_HUB), List.of(), List.of());
    }

    /** The file's place: {@code $XDG_CONFIG_HOME/foxbox/registries.conf}, else {@code ~/.config/foxbox/registries.conf}. */
    public static Path location(Map<String, String> env) {
        return configHome(env).resolve("foxbox").resolve(FILE_NAME);
    }

    /** The certs.d directories podman and docker read, the user's first. */
    public static List<Path> certsDirs(Map<String, String> env) {
        return List.of(configHome(env).resolve("containers/certs.d"), Path.of("/etc/containers/certs.d"),
                Path.of("/etc/docker/certs.d"));
    }

    /** The configuration for this environment: the file if there is one, else the defaults. */
    public static RegistriesConfig load(Map<String, String> env) throws IOException {
        Path file = location(env);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new RegistriesConfig("defaults", List.of(ImageReference.DOCKER_HUB), List.of(), certsDirs(env));
        }
        return parse(text, file.toString(), certsDirs(env));
    }

    /** Parses a registries file; errors name {@code fileName:line}. */
    public static RegistriesConfig parse(String text, String fileName, List<Path> certsDirs) throws ConfigException {
        return new Parser(fileName).parse(TomlSubset.parse(fileName, text), certsDirs);
    }

    /** Where this configuration came from: a file name, or "defaults". */
    public String source() {
        return source;
    }

    /** The registries a short name is looked for in, in order. */
    public List<String> shortNameRegistries() {
        return shortNameRegistries;
    }

    /** What the file says about {@code registry}, or null. */
    public RegistryEntry entry(String registry) {
        return registries.get(normalizeRegistry(registry));
    }

    /** Whether pulls from {@code registry} are refused. */
    public boolean blocked(String registry) {
        RegistryEntry entry = entry(registry);
        return entry != null && entry.blocked();
    }

    /** The registry itself: host, TLS settings, certificates. */
    public RegistryLocation origin(String registry) {
        String name = normalizeRegistry(registry);
        RegistryEntry entry = entry(name);
        String host = name.equals(ImageReference.DOCKER_HUB) ? DOCKER_HUB_API : name;
        boolean insecure = entry != null && entry.insecure() != null ? entry.insecure() : RegistryLocation.isLoopback(host);
        return new RegistryLocation(name, host, "", insecure, caFiles(host, entry != null ? entry.caFile() : null));
    }

    /** Where to pull {@code registry}'s images from: its mirrors in order, then the registry itself. */
    public List<RegistryLocation> locations(String registry) {
        List<RegistryLocation> out = new ArrayList<>();
        RegistryEntry entry = entry(registry);
        if (entry != null) {
            for (RegistryEntry.Mirror mirror : entry.mirrors()) {
                String location = mirror.location();
                int slash = location.indexOf('/');
                String host = slash < 0 ? location : location.substring(0, slash);
                String prefix = slash < 0 ? "" : location.substring(slash + 1);
                boolean insecure = mirror.insecure() != null ? mirror.insecure() : RegistryLocation.isLoopback(host);
                out.add(new RegistryLocation(host, host, prefix, insecure, caFiles(host, mirror.caFile())));
            }
        }
        out.add(origin(registry));
        return List.copyOf(out);
    }

    private List<Path> caFiles(String host, Path configured) {
        List<Path> out = new ArrayList<>();
        if (configured != null) {
            out.add(configured);
        }
        for (Path dir : certsDirs) {
            Path hostDir = dir.resolve(host.replace('[', '_').replace(']', '_'));
            if (!Files.isDirectory(hostDir)) {
                hostDir = dir.resolve(host);
                if (!Files.isDirectory(hostDir)) {
                    continue;
                }
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(hostDir, "*.crt")) {
                files.forEach(out::add);
            } catch (IOException e) {
                // An unreadable certs.d entry is skipped, as docker does; a TLS error will say more.
            }
        }
        return out;
    }

    /** Docker Hub's other names are docker.io. */
    static String normalizeRegistry(String registry) {
        return switch (registry) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> ImageReference.DOCKER_HUB;
            default -> registry;
        };
    }

    /** Turns the file's lines into entries, checking every key. */
    private static final class Parser {
        private final String file;
        private List<String> shortNames = List.of(ImageReference.DOCKER_HUB);
        private final List<Map<String, Object>> registries = new ArrayList<>();
        private final List<List<Map<String, Object>>> mirrors = new ArrayList<>();
        private final Map<Map<String, Object>, Integer> lineOf = new java.util.IdentityHashMap<>();

        Parser(String file) {
            this.file = file;
        }

        RegistriesConfig parse(List<TomlSubset.Line> lines, List<Path> certsDirs) throws ConfigException {
            Map<String, Object> table = null;
            String tableName = "";
            for (TomlSubset.Line line : lines) {
                if (line.header()) {
                    tableName = line.key();
                    table = new LinkedHashMap<>();
                    lineOf.put(table, line.number());
                    if (tableName.equals("registry")) {
                        registries.add(table);
                        mirrors.add(new ArrayList<>());
                    } else if (tableName.equals("registry.mirror")) {
                        if (registries.isEmpty()) {
                            throw error(line, "[[registry.mirror]] must follow a [[registry]]");
                        }
                        mirrors.get(mirrors.size() - 1).add(table);
                    } else {
                        throw error(line, "unknown table [[" + tableName + "]] (use [[registry]] and [[registry.mirror]])");
                    }
                    continue;
                }
                if (table == null) {
                    if (!line.key().equals("unqualified-search-registries")) {
                        throw error(line, "unknown key '" + line.key() + "' (outside a table only unqualified-search-registries is allowed)");
                    }
                    shortNames = stringList(line);
                    for (String registry : shortNames) {
                        if (!RegistryLocation.isHostPort(registry)) {
                            throw error(line, "invalid registry '" + registry + "' in unqualified-search-registries");
                        }
                    }
                    continue;
                }
                List<String> allowed = tableName.equals("registry")
                        ? List.of("location", "insecure", "blocked", "ca-file") : List.of("location", "insecure", "ca-file");
                if (!allowed.contains(line.key())) {
                    throw error(line, "unknown key '" + line.key() + "' in [[" + tableName + "]] (allowed: "
                            + String.join(", ", allowed) + ")");
                }
                if (table.containsKey(line.key())) {
                    throw error(line, "'" + line.key() + "' is set twice in this [[" + tableName + "]]");
                }
                Object value = switch (line.key()) {
                    case "insecure", "blocked" -> bool(line);
                    default -> string(line);
                };
                table.put(line.key(), value);
            }
            List<RegistryEntry> entries = new ArrayList<>();
            for (int i = 0; i < registries.size(); i++) {
                Map<String, Object> r = registries.get(i);
                String location = location(r, "registry", false);
                List<RegistryEntry.Mirror> ms = new ArrayList<>();
                for (Map<String, Object> m : mirrors.get(i)) {
                    ms.add(new RegistryEntry.Mirror(location(m, "registry.mirror", true), (Boolean) m.get("insecure"),
                            path(m)));
                }
                entries.add(new RegistryEntry(location, (Boolean) r.get("insecure"),
                        Boolean.TRUE.equals(r.get("blocked")), path(r), ms));
            }
            return new RegistriesConfig(file, shortNames, entries, certsDirs);
        }

        private String location(Map<String, Object> table, String name, boolean prefixAllowed) throws ConfigException {
            String location = (String) table.get("location");
            int line = lineOf.get(table);
            if (location == null) {
                throw new ConfigException(file + ":" + line + ": [[" + name + "]] has no location");
            }
            if (location.contains("://")) {
                throw new ConfigException(file + ":" + line + ": location '" + location
                        + "' must be host[:port] without a scheme (set insecure = true for plain http)");
            }
            int slash = location.indexOf('/');
            String host = slash < 0 ? location : location.substring(0, slash);
            boolean valid = RegistryLocation.isHostPort(host);
            if (valid && slash >= 0) {
                try {
                    new RegistryLocation(host, host, location.substring(slash + 1), false, List.of());
                } catch (IllegalArgumentException e) {
                    valid = false;
                }
            }
            if (!valid || (slash >= 0 && !prefixAllowed)) {
                throw new ConfigException(file + ":" + line + ": invalid location '" + location + "' (expected host[:port]"
                        + (prefixAllowed ? "[/path]" : "") + ")");
            }
            return location;
        }

        private static Path path(Map<String, Object> table) {
            String ca = (String) table.get("ca-file");
            return ca == null ? null : Path.of(ca);
        }

        private ConfigException error(TomlSubset.Line line, String message) {
            return new ConfigException(file + ":" + line.number() + ": " + message);
        }

        private String string(TomlSubset.Line line) throws ConfigException {
            if (line.value() instanceof String s) {
                return s;
            }
            throw error(line, "'" + line.key() + "' must be a string");
        }

        private Boolean bool(TomlSubset.Line line) throws ConfigException {
            if (line.value() instanceof Boolean b) {
                return b;
            }
            throw error(line, "'" + line.key() + "' must be true or false");
        }

        @SuppressWarnings("unchecked")
        private List<String> stringList(TomlSubset.Line line) throws ConfigException {
            if (line.value() instanceof List<?> list) {
                return (List<String>) list;
            }
            throw error(line, "'" + line.key() + "' must be an array of strings");
        }
    }

    private static Path configHome(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
    }
}
