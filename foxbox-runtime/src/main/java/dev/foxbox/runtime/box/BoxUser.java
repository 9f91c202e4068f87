package dev.foxbox.runtime.box;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the box's command runs as: {@code -u} or the image's USER ({@code name}, {@code uid},
 * {@code name:group}, {@code uid:gid}), resolved from the box's own /etc/passwd and /etc/group,
 * with the supplementary groups /etc/group lists the user in, as docker does.
 */
record BoxUser(long uid, long gid, List<Long> groups, String home) {

    static final BoxUser ROOT = new BoxUser(0, 0, List.of(), "/root");

    static BoxUser resolve(String spec, Path root) throws IOException {
        if (spec == null || spec.isEmpty()) {
            spec = "0";
        }
        String userPart = spec;
        String groupPart = null;
        int colon = spec.indexOf(':');
        if (colon >= 0) {
            userPart = spec.substring(0, colon);
            groupPart = spec.substring(colon + 1);
        }
        List<String> passwd = InRoot.readLines(root, "/etc/passwd");
        List<String> group = InRoot.readLines(root, "/etc/group");
        long uid;
        long gid = -1;
        String name = null;
        String home = "/";
        String[] entry = find(passwd, userPart, 7);
        if (entry != null) {
            name = entry[0];
            uid = Long.parseLong(entry[2]);
            gid = Long.parseLong(entry[3]);
            home = entry.length > 5 && !entry[5].isEmpty() ? entry[5] : "/";
        } else if (isNumber(userPart)) {
            uid = Long.parseLong(userPart);
            gid = uid == 0 ? 0 : gid;
            home = uid == 0 ? "/root" : "/";
        } else {
            throw new IllegalArgumentException("unable to find user " + userPart + ": no matching entries in the box's /etc/passwd");
        }
        if (groupPart != null && !groupPart.isEmpty()) {
            String[] g = find(group, groupPart, 3);
            if (g != null) {
                gid = Long.parseLong(g[2]);
            } else if (isNumber(groupPart)) {
                gid = Long.parseLong(groupPart);
            } else {
                throw new IllegalArgumentException("unable to find group " + groupPart + ": no matching entries in the box's /etc/group");
            }
        }
        if (gid < 0) {
            gid = 0;
        }
        List<Long> groups = new ArrayList<>();
        if (name != null && group != null && (groupPart == null || groupPart.isEmpty())) {
            for (String line : group) {
                String[] g = line.split(":", -1);
                if (g.length >= 4 && isNumber(g[2]) && List.of(g[3].split(",")).contains(name)) {
                    long id = Long.parseLong(g[2]);
                    if (id != gid && !groups.contains(id)) {
                        groups.add(id);
                    }
                }
            }
        }
        return new BoxUser(uid, gid, List.copyOf(groups), uid == 0 && home.equals("/") ? "/root" : home);
    }

    /** The passwd or group line whose name (or, for a number, whose id, field 2) is {@code key}. */
    private static String[] find(List<String> lines, String key, int minFields) {
        if (lines == null) {
            return null;
        }
        for (boolean byId : new boolean[] {false, true}) {
            if (byId && !isNumber(key)) {
                break;
            }
            for (String line : lines) {
                String[] f = line.split(":", -1);
                if (f.length >= minFields && isNumber(f[2]) && (minFields < 4 || isNumber(f[3]))
                        && (byId ? f[2] : f[0]).equals(key)) {
                    return f;
                }
            }
        }
        return null;
    }

    private static boolean isNumber(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
