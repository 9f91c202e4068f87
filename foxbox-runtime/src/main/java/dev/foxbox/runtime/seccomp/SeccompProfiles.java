package dev.foxbox.runtime.seccomp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where profiles come from: foxbox's default, equivalent to docker's, and files in docker's format.
 *
 * <p>The default lives in {@code default-profile.json} beside this class, in docker's format, so
 * it is read by the same parser as a user's file and can be copied as a starting point for one. It
 * has the allowlist and conditional rules of moby's {@code profiles/seccomp/default.json} (docker
 * 26 and 27), grouped by topic and commented, less the rules for architectures foxbox does not run
 * on (ppc64le, s390x, riscv64, mips).
 */
public final class SeccompProfiles {

    private static final String DEFAULT = "default-profile.json";

    /**
     * The sha256 of {@code default-profile.json}, which keys the cache of compiled filters without
     * reading the profile out of the jar on every box start (DefaultProfileTest checks it).
     */
    public static final String DOCKER_DEFAULT_SHA256 = "7afcba09ef644602d1cd81984e722f0d9c65dad845c1b0b03c3656ba78886fdc";
    private static volatile SeccompProfile dockerDefault;

    private SeccompProfiles() {}

    /** The default profile: EPERM for everything but an allowlist, some of it conditional on capabilities. */
    public static SeccompProfile dockerDefault() {
        SeccompProfile profile = dockerDefault;
        if (profile == null) {
            try (InputStream in = SeccompProfiles.class.getResourceAsStream(DEFAULT)) {
                if (in == null) {
                    throw new IllegalStateException(DEFAULT + " is missing from the jar");
                }
                profile = ProfileJson.read(in.readAllBytes(), DEFAULT);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + DEFAULT, e);
            } catch (InvalidProfileException e) {
                throw new IllegalStateException("the built-in profile is invalid: " + e.getMessage(), e);
            }
            dockerDefault = profile;
        }
        return profile;
    }

    /** The default profile's JSON as shipped. */
    public static byte[] dockerDefaultJson() {
        try (InputStream in = SeccompProfiles.class.getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT, e);
        }
    }

    /** Reads a profile file in docker's JSON format; errors name the file and the bad field. */
    public static SeccompProfile parse(Path file) throws IOException, InvalidProfileException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Reads a profile in docker's JSON format; {@code what} names it in errors. */
    public static SeccompProfile parse(byte[] json, String what) throws InvalidProfileException {
        return ProfileJson.read(json, what);
    }
}
