package dev.foxbox.runtime.seccomp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonFactory;
import dev.foxbox.image.json.Json;
import dev.foxbox.runtime.caps.Capability;
import dev.foxbox.runtime.seccomp.JsonValues.Fields;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Translates docker's seccomp profile JSON (moby's {@code profiles/seccomp} format, the file of
 * {@code --security-opt seccomp=FILE}) into a {@link SeccompProfile}. Jackson stays in here and in
 * {@link JsonValues}.
 *
 * <p>It reads what docker reads: unknown fields are ignored, as Go ignores them, and a rule may name
 * its calls with {@code name} or {@code names}. Anything docker or runc would refuse is refused, with
 * the file, the field path and the bad value, e.g. {@code my.json: syscalls[2].args[0].op: unknown
 * operator "SCMP_CMP_FOO"}.
 */
final class ProfileJson {

    /** Profiles are small; a mistaken file must not make us build huge strings or deep trees. */
    private static final JsonFactory FACTORY = Json.factory(StreamReadConstraints.builder()
            .maxStringLength(1024 * 1024)
            .maxNestingDepth(32)
            .build());

    private final JsonValues json;

    private ProfileJson(String what) {
        this.json = new JsonValues(what);
    }

    /** Reads a profile; {@code what} names it in errors, usually the file's path. */
    static SeccompProfile read(byte[] bytes, String what) throws InvalidProfileException {
        return new ProfileJson(what).profile(parse(bytes, what));
    }

    private static JsonNode parse(byte[] bytes, String what) throws InvalidProfileException {
        try {
            if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                throw new InvalidProfileException(what + ": is empty, not a seccomp profile");
            }
            return Json.readTree(bytes, FACTORY);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new InvalidProfileException(what + where + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidProfileException(what + ": cannot be read: " + e.getMessage());
        }
    }

    private SeccompProfile profile(JsonNode root) throws InvalidProfileException {
        Fields top = json.object(root, "");
        List<SyscallRule> rules = top.list("syscalls", this::rule);
        String defaultName = top.text("defaultAction");
        Action defaultAction;
        if (defaultName == null || defaultName.isEmpty()) {
            if (!rules.isEmpty()) {
                throw json.fail("defaultAction", "missing");
            }
            // Docker runs a box without a filter when a profile has neither: keep that meaning.
            defaultAction = Action.ALLOW;
        } else {
            defaultAction = action(defaultName, top.number("defaultErrnoRet"), "defaultAction", "defaultErrnoRet");
        }
        List<ScmpArch> architectures = top.list("architectures", this::arch);
        List<ArchMapping> archMap = top.list("archMap", this::archMapping);
        if (!architectures.isEmpty() && !archMap.isEmpty()) {
            throw json.fail("", "has both \"architectures\" and \"archMap\"; docker takes one or the other");
        }
        Set<FilterFlag> flags = EnumSet.noneOf(FilterFlag.class);
        flags.addAll(top.list("flags", (node, path) -> {
            String name = json.string(node, path);
            FilterFlag flag = FilterFlag.byScmpName(name);
            if (flag == null) {
                throw json.fail(path, "unknown flag \"" + name + "\"");
            }
            return flag;
        }));
        return new SeccompProfile(defaultAction, architectures, archMap, rules, flags);
    }

    private ArchMapping archMapping(JsonNode node, String path) throws InvalidProfileException {
        Fields fields = json.object(node, path);
        JsonNode arch = fields.get("architecture");
        if (arch == null || arch.isNull()) {
            throw json.fail(fields.path("architecture"), "missing");
        }
        return new ArchMapping(arch(arch, fields.path("architecture")), fields.list("subArchitectures", this::arch));
    }

    private ScmpArch arch(JsonNode node, String path) throws InvalidProfileException {
        String name = json.string(node, path);
        ScmpArch arch = ScmpArch.byScmpName(name);
        if (arch == null) {
            throw json.fail(path, "unknown architecture \"" + name + "\"");
        }
        return arch;
    }

    private SyscallRule rule(JsonNode node, String path) throws InvalidProfileException {
        Fields fields = json.object(node, path);
        List<String> names = fields.list("names", this::syscallName);
        String name = fields.text("name");
        if (name != null && !name.isEmpty()) {
            if (!names.isEmpty()) {
                throw json.fail(path, "has both \"name\" and \"names\"; docker takes one or the other");
            }
            names = List.of(syscallName(fields.get("name"), fields.path("name")));
        }
        String actionName = fields.text("action");
        if (actionName == null || actionName.isEmpty()) {
            throw json.fail(fields.path("action"), "missing");
        }
        Action action = action(actionName, fields.number("errnoRet"), fields.path("action"), fields.path("errnoRet"));
        return new SyscallRule(names, action, fields.list("args", this::arg),
                filter(fields.get("includes"), fields.path("includes")),
                filter(fields.get("excludes"), fields.path("excludes")),
                fields.text("comment"));
    }

    private String syscallName(JsonNode node, String path) throws InvalidProfileException {
        String name = json.string(node, path);
        if (name.isEmpty()) {
            throw json.fail(path, "empty syscall name");
        }
        return name;
    }

    /**
     * The action named in a profile. {@code errnoRet} is the errno of ERRNO and the data of TRACE;
     * absent, it is EPERM, as runc makes it. Other actions ignore it, as runc does.
     */
    private Action action(String name, Long errnoRet, String path, String errnoPath) throws InvalidProfileException {
        long ret = errnoRet == null ? 1 : errnoRet;
        switch (name) {
            case "SCMP_ACT_ALLOW": return Action.ALLOW;
            case "SCMP_ACT_LOG": return new Action.Log();
            case "SCMP_ACT_TRAP": return new Action.Trap();
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD": return new Action.KillThread();
            case "SCMP_ACT_KILL_PROCESS": return new Action.KillProcess();
            case "SCMP_ACT_ERRNO":
                if (ret < 0 || ret > Action.MAX_ERRNO) {
                    throw json.fail(errnoPath, Long.toUnsignedString(ret) + " is not an errno (0.." + Action.MAX_ERRNO + ")");
                }
                return new Action.Errno((int) ret);
            case "SCMP_ACT_TRACE":
                if (ret < 0 || ret > 0xffff) {
                    throw json.fail(errnoPath, Long.toUnsignedString(ret) + " does not fit the 16 bits of trace data");
                }
                return new Action.Trace((int) ret);
            case "SCMP_ACT_NOTIFY":
                throw json.fail(path, "SCMP_ACT_NOTIFY needs a seccomp agent to answer the calls, and foxbox runs none");
            default:
                throw json.fail(path, "unknown action \"" + name + "\"");
        }
    }

    private ArgCondition arg(JsonNode node, String path) throws InvalidProfileException {
        Fields fields = json.object(node, path);
        Long index = fields.number("index");
        if (index == null) {
            throw json.fail(fields.path("index"), "missing");
        }
        if (index < 0 || index >= ArgCondition.MAX_ARGS) {
            throw json.fail(fields.path("index"), Long.toUnsignedString(index)
                    + " is not an argument index (0.." + (ArgCondition.MAX_ARGS - 1) + ")");
        }
        String opName = fields.text("op");
        if (opName == null || opName.isEmpty()) {
            throw json.fail(fields.path("op"), "missing");
        }
        ArgOp op = ArgOp.byScmpName(opName);
        if (op == null) {
            throw json.fail(fields.path("op"), "unknown operator \"" + opName + "\"");
        }
        Long value = fields.number("value");
        Long valueTwo = fields.number("valueTwo");
        return new ArgCondition(index.intValue(), value == null ? 0 : value, valueTwo == null ? 0 : valueTwo, op);
    }

    private RuleFilter filter(JsonNode node, String path) throws InvalidProfileException {
        if (node == null || node.isNull()) {
            return RuleFilter.NONE;
        }
        Fields fields = json.object(node, path);
        Set<Capability> caps = new LinkedHashSet<>(fields.list("caps", (item, itemPath) -> {
            String name = json.string(item, itemPath);
            try {
                return Capability.parse(name);
            } catch (IllegalArgumentException e) {
                throw json.fail(itemPath, "unknown capability \"" + name + "\"");
            }
        }));
        List<String> arches = fields.list("arches", json::string);
        String minKernel = fields.text("minKernel");
        if (minKernel != null && minKernel.isEmpty()) {
            minKernel = null;
        }
        if (minKernel != null && !minKernel.matches("\\d+\\.\\d+(\\.\\d+)?")) {
            throw json.fail(fields.path("minKernel"), "\"" + minKernel + "\" is not a kernel version such as \"4.8\"");
        }
        return new RuleFilter(caps, arches, minKernel);
    }
}
