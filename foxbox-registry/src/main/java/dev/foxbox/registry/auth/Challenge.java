package dev.foxbox.registry.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An authentication challenge from a {@code WWW-Authenticate} header (RFC 7235), such as
 * Docker Hub's {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io"}.
 *
 * @param scheme lower case: {@code bearer} or {@code basic} (others are kept, and refused later)
 * @param params the auth-params, names in lower case
 */
public record Challenge(String scheme, Map<String, String> params) {

    public Challenge {
        params = Map.copyOf(params);
    }

    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    public boolean isBasic() {
        return scheme.equals("basic");
    }

    public String realm() {
        return params.get("realm");
    }

    public String service() {
        return params.get("service");
    }

    /** The scope the registry asked for, if it said one. */
    public String scope() {
        return params.get("scope");
    }

    /** Every challenge in a header value; malformed parts end the list rather than fail. */
    public static List<Challenge> parse(String header) {
        List<Challenge> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        Cursor c = new Cursor(header);
        while (true) {
            c.skip(" \t,");
            String scheme = c.token();
            if (scheme.isEmpty()) {
                return out;
            }
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                int mark = c.pos;
                c.skip(" \t,");
                String name = c.token();
                c.skip(" \t");
                if (name.isEmpty() || !c.take('=')) {
                    c.pos = mark; // the next challenge's scheme, or the end
                    break;
                }
                c.skip(" \t");
                params.put(name.toLowerCase(Locale.ROOT), c.peek() == '"' ? c.quoted() : c.token());
            }
            out.add(new Challenge(scheme.toLowerCase(Locale.ROOT), params));
        }
    }

    /** The first challenge foxbox can answer: Bearer, else Basic. */
    public static Challenge pick(List<Challenge> challenges) {
        for (Challenge ch : challenges) {
            if (ch.isBearer() && ch.realm() != null) {
                return ch;
            }
        }
        for (Challenge ch : challenges) {
            if (ch.isBasic()) {
                return ch;
            }
        }
        return null;
    }

    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        boolean take(char ch) {
            if (peek() == ch) {
                pos++;
                return true;
            }
            return false;
        }

        void skip(String chars) {
            while (pos < s.length() && chars.indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        /** An RFC 7230 token (for values: anything up to a comma or space). */
        String token() {
            int start = pos;
            while (pos < s.length() && ",= \t\"".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            return s.substring(start, pos);
        }

        String quoted() {
            pos++; // the opening quote
            StringBuilder out = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != '"') {
                char ch = s.charAt(pos++);
                if (ch == '\\' && pos < s.length()) {
                    ch = s.charAt(pos++);
                }
                out.append(ch);
            }
            pos++; // the closing quote
            return out.toString();
        }
    }
}
