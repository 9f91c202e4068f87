package dev.foxbox.registry.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes a WireMock stub answer {@code Range: bytes=N-} with 206 and the rest of its body, as registries do. */
public final class RangeTransformer implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "range";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        ResponseDefinition def = event.getResponseDefinition();
        String range = event.getRequest().getHeader("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m == null || !m.matches()) {
            return def;
        }
        byte[] body = def.getByteBody();
        int from = Integer.parseInt(m.group(1));
        return ResponseDefinitionBuilder.like(def).but()
                .withStatus(206)
                .withHeader("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length)
                .withBody(Arrays.copyOfRange(body, from, body.length))
                .build();
    }
}
