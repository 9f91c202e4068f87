package dev.foxbox.registry.client;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import dev.foxbox.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The HTTP transports a client needs, made once each: one that verifies TLS against the
 * system's certificates, one that does not verify (insecure registries), and one per set of
 * extra trusted certificates (the system's plus a registry's {@code ca-file} or certs.d). PATCH
 * gets the same three over {@link JdkHttpTransport}.
 */
final class Transports {

    private final Map<List<Path>, HttpTransport> verified = new ConcurrentHashMap<>();
    private volatile HttpTransport unverified;
    private final Map<List<Path>, HttpTransport> patchVerified = new ConcurrentHashMap<>();
    private volatile HttpTransport patchUnverified;

    /**
     * The transport for a request: {@code insecure} skips certificate checks; PATCH goes over
     * java.net.http. A plain http request other than PATCH gets the plain transport: there is
     * no certificate to check, and the unverifying transport sets up TLS when it is made (about
     * 40 ms on a cold JVM, a third of a loopback pull's time to its first byte).
     */
    HttpTransport forRequest(String method, boolean plainHttp, boolean insecure, List<Path> caFiles) throws IOException {
        if (!method.equals("PATCH")) {
            if (plainHttp) {
                return plain();
            }
            return insecure ? unverified() : verifying(caFiles);
        }
        if (insecure) {
            if (patchUnverified == null) {
                try {
                    SSLContext context = SSLContext.getInstance("TLS");
                    context.init(null, new TrustManager[] {new TrustingTrustManager()}, null);
                    patchUnverified = new JdkHttpTransport(context);
                } catch (GeneralSecurityException e) {
                    throw new IOException("cannot set up TLS without certificate checks: " + e.getMessage(), e);
                }
            }
            return patchUnverified;
        }
        HttpTransport t = patchVerified.get(caFiles);
        if (t == null) {
            try {
                t = new JdkHttpTransport(caFiles.isEmpty() ? SSLContext.getDefault() : sslContext(caFiles));
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot set up TLS: " + e.getMessage(), e);
            }
            patchVerified.putIfAbsent(caFiles, t);
        }
        return t;
    }

    /** For plain http: a transport made without any TLS set-up (it would use the system's trust for https). */
    HttpTransport plain() throws IOException {
        return verifying(List.of());
    }

    HttpTransport verifying(List<Path> caFiles) throws IOException {
        HttpTransport t = verified.get(caFiles);
        if (t == null) {
            t = caFiles.isEmpty() ? new NetHttpTransport() : withExtraTrust(caFiles);
            verified.putIfAbsent(caFiles, t);
        }
        return t;
    }

    HttpTransport unverified() throws IOException {
        if (unverified == null) {
            try {
                unverified = new NetHttpTransport.Builder().doNotValidateCertificate().build();
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot set up TLS without certificate checks: " + e.getMessage(), e);
            }
        }
        return unverified;
    }

    private static HttpTransport withExtraTrust(List<Path> caFiles) throws IOException {
        return new NetHttpTransport.Builder().setSslSocketFactory(sslContext(caFiles).getSocketFactory()).build();
    }

    /** TLS that trusts the system's certificates and those in {@code caFiles}. */
    private static SSLContext sslContext(List<Path> caFiles) throws IOException {
        try {
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            int n = 0;
            for (Path file : caFiles) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (Certificate cert : factory.generateCertificates(in)) {
                        extra.setCertificateEntry("foxbox-" + n++, cert);
                    }
                } catch (CertificateException e) {
                    throw new RegistryException("cannot read the certificate " + file + ": " + e.getMessage(), e);
                }
            }
            X509TrustManager system = trustManager(null);
            X509TrustManager own = trustManager(extra);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new EitherTrustManager(system, own)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS with " + caFiles + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /**
     * Trusts every server, for insecure registries. Being an X509ExtendedTrustManager, it also
     * skips the host name check, which the JDK otherwise adds around a plain X509TrustManager.
     */
    private static final class TrustingTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Trusts a server that either the system's certificates or the registry's own vouch for. */
    private static final class EitherTrustManager implements X509TrustManager {
        private final X509TrustManager first;
        private final X509TrustManager second;

        EitherTrustManager(X509TrustManager first, X509TrustManager second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            first.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                second.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                first.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(X509Certificate[]::new);
        }
    }
}
