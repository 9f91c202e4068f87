package dev.foxbox.registry.client;

import dev.foxbox.registry.RegistryException;
import dev.foxbox.registry.json.ErrorJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a registry said went wrong: the status and the error body's codes and messages, made
 * into one line ({@code manifest unknown}, {@code unauthorized: authentication required}).
 */
public record RegistryErrors(int status, String statusMessage, List<ErrorJson.Error> errors, String plainText) {

    private static final int MAX_ERROR_BODY = 64 * 1024;

    public RegistryErrors {
        errors = List.copyOf(errors);
    }

    /** Reads the body of an error response (at most 64 KiB of it). */
    static RegistryErrors read(Response response) {
        byte[] body;
        try {
            body = response.bodyPrefix(MAX_ERROR_BODY);
        } catch (IOException e) {
            body = new byte[0];
        }
        List<ErrorJson.Error> errors = ErrorJson.read(body);
        String text = null;
        String type = response.header("Content-Type");
        if (errors.isEmpty() && type != null && type.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
            text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("[^\\x20-\\x7e]+", " ");
            text = text.length() > 160 ? text.substring(0, 157) + "..." : text;
        }
        return new RegistryErrors(response.status(), response.statusMessage(), errors, text);
    }

    /** The API's error codes, e.g. MANIFEST_UNKNOWN. */
    public List<String> codes() {
        List<String> out = new ArrayList<>();
        errors.forEach(e -> out.add(e.code()));
        return out;
    }

    /** One line: the registry's messages, else the HTTP status. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (ErrorJson.Error e : errors) {
            String words = e.code().toLowerCase(Locale.ROOT).replace('_', ' ');
            String message = e.message().strip();
            if (message.isEmpty()) {
                parts.add(words);
            } else if (words.isEmpty() || message.toLowerCase(Locale.ROOT).startsWith(words)) {
                parts.add(message);
            } else {
                parts.add(words + ": " + message);
            }
        }
        if (!parts.isEmpty()) {
            return String.join("; ", parts);
        }
        String line = "HTTP " + status + (statusMessage != null && !statusMessage.isBlank() ? " " + statusMessage.strip() : "");
        return plainText != null && !plainText.isEmpty() ? line + ": " + plainText : line;
    }

    public RegistryException exception(String action) {
        return new RegistryException(action + ": " + describe(), status, codes(), null);
    }
}
