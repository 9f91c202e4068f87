package dev.foxbox.registry.config;

import dev.foxbox.image.model.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Short names ({@code alpine}, {@code bitnami/nginx}) name no registry; the registries file's
 * {@code unqualified-search-registries} says where to look for them, in order (Docker Hub by
 * default, where a one-part name gets docker's {@code library/}).
 */
public final class ShortNames {

    private ShortNames() {}

    /** Whether {@code text} names its registry, as the distribution reference grammar decides. */
    public static boolean isQualified(String text) {
        String name = text;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int slash = name.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String first = name.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT));
    }

    /** The references {@code text} may mean, in the order to try them. */
    public static List<ImageReference> candidates(String text, RegistriesConfig config) {
        if (isQualified(text)) {
            return List.of(ImageReference.parse(text));
        }
        ImageReference.parse(text); // refuses a malformed name before any registry is asked
        List<ImageReference> out = new ArrayList<>();
        for (String registry : config.shortNameRegistries()) {
            ImageReference candidate = RegistriesConfig.normalizeRegistry(registry).equals(ImageReference.DOCKER_HUB)
                    ? ImageReference.parse(text) : ImageReference.parse(registry + "/" + text);
            if (!out.contains(candidate)) {
                out.add(candidate);
            }
        }
        if (out.isEmpty()) {
            out.add(ImageReference.parse(text));
        }
        return List.copyOf(out);
    }
}
