import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.javanet.NetHttpTransport;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * One HEAD request for a manifest, and nothing else: the floor under a warm {@code foxbox pull},
 * which makes that request and little more. bench/pull.sh times it through google-http-client (the
 * client foxbox's registry code is built on) and through the JDK's HttpURLConnection alone.
 *
 * <p>Usage: {@code java HeadRequest google-http-client|jdk URL}
 */
public final class HeadRequest {

    private static final String ACCEPT = "application/vnd.oci.image.manifest.v1+json";

    public static void main(String[] args) throws Exception {
        String digest;
        if (args[0].equals("google-http-client")) {
            HttpRequest request = new NetHttpTransport().createRequestFactory().buildHeadRequest(new GenericUrl(args[1]));
            request.getHeaders().setAccept(ACCEPT);
            HttpResponse response = request.execute();
            digest = response.getHeaders().getFirstHeaderStringValue("Docker-Content-Digest");
            response.disconnect();
        } else {
            HttpURLConnection connection = (HttpURLConnection) new URL(args[1]).openConnection();
            connection.setRequestMethod("HEAD");
            connection.setRequestProperty("Accept", ACCEPT);
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("HTTP " + connection.getResponseCode());
            }
            digest = connection.getHeaderField("Docker-Content-Digest");
        }
        System.out.println(digest);
    }
}
