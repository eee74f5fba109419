package flagbench.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The one certificate a TLS client trusts: the flag server's own, read from a PEM file. Nothing else is trusted (not
 * the JDK's CAs, not "trust all"), and host names are verified by each client as it does by default, so a certificate
 * for another host is refused.
 *
 * <p>Contract: {@link #sslContext()} is a new context each call, with an empty session cache: a client opened cold
 * resumes no TLS session of an earlier client, as a freshly started program would not. Immutable and thread-safe.
 */
public record Trust(X509Certificate certificate) {

    /** @throws IllegalArgumentException with one line when the file is missing or not a PEM certificate */
    public static Trust read(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return new Trust(
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        } catch (IOException | CertificateException | ClassCastException e) {
            throw new IllegalArgumentException(
                    "cannot read the server's certificate from " + pem + ": " + e.getMessage());
        }
    }

    /** The trust managers that know exactly this certificate. */
    public X509TrustManager trustManager() {
        try {
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("flag-server", certificate);
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return (X509TrustManager) factory.getTrustManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust the server's certificate: " + e.getMessage(), e);
        }
    }

    /** A fresh TLS context (TLS 1.3 and 1.2 as the JDK allows) that trusts exactly this certificate. */
    public SSLContext sslContext() {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    /** The certificate's SHA-256 fingerprint, as {@code openssl x509 -fingerprint -sha256} prints it. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
