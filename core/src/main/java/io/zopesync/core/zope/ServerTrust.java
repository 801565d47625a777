package io.zopesync.core.zope;

import io.zopesync.core.kernel.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust for one Zope server: the JVM's default trust store, plus the server's extra CA certificate
 * (PEM) if it has one. A certificate chain is accepted if either of them accepts it; there is no way to switch
 * verification off, and host names are still checked.
 */
final class ServerTrust {
    private ServerTrust() {
    }

    /**
     * @throws InvalidInputException if the server's extra CA certificate cannot be read
     */
    static SSLContext sslContext(ZopeServer server) {
        try {
            X509ExtendedTrustManager system = trustManager(null);
            X509ExtendedTrustManager trust = server.getCaCertificatePem()
                    .map(pem -> (X509ExtendedTrustManager) new EitherTrustManager(system,
                            trustManager(extraCaStore(server.getName(), pem))))
                    .orElse(system);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore extraCaStore(String name, String pem) {
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw InvalidInputException.of("CA certificate of environment '%s' cannot be read: %s", name,
                    e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw InvalidInputException.of("CA certificate of environment '%s' holds no certificate", name);
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("extra-ca-" + n++, certificate);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JVM cannot hold a CA certificate in a key store", e);
        }
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance)
                    .map(X509ExtendedTrustManager.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the JVM offers no X.509 trust manager"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /** Trusts a server if the first or the second trust manager does; client certificates are not used. */
    private static final class EitherTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager first;
        private final X509ExtendedTrustManager second;

        EitherTrustManager(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
            this.first = first;
            this.second = second;
        }

        @FunctionalInterface
        private interface Check {
            void check(X509ExtendedTrustManager manager) throws CertificateException;
        }

        private void either(Check check) throws CertificateException {
            try {
                check.check(first);
            } catch (CertificateException firstFailure) {
                try {
                    check.check(second);
                } catch (CertificateException secondFailure) {
                    secondFailure.addSuppressed(firstFailure);
                    throw secondFailure;
                }
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(manager -> manager.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            either(manager -> manager.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            either(manager -> manager.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(manager -> manager.checkClientTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            either(manager -> manager.checkClientTrusted(chain, authType, socket));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            either(manager -> manager.checkClientTrusted(chain, authType, engine));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return Stream.concat(Stream.of(first.getAcceptedIssuers()), Stream.of(second.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }
}
