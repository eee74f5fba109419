package flagbench.server;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A key pair and a certificate made for one flag server when it starts, for the addresses it answers on: its bind
 * address, {@code 127.0.0.1} and {@code localhost} in the subjectAltName, which clients that verify host names
 * check (WireMock's stock certificate has none, so they refuse it). An ECDSA P-256 key, as most public sites serve
 * today; valid for a day; never written to disk but for the moment Jetty reads its key store ({@link #keyStoreFile}).
 *
 * <p>Contract: immutable once made; the private key never leaves this object but through the key store file.
 */
public final class ServerCertificate {

    private static final String ALIAS = "flag-server";

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final char[] password;

    private ServerCertificate(KeyPair keys, X509Certificate certificate, char[] password) {
        this.keys = keys;
        this.certificate = certificate;
        this.password = password;
    }

    /** A certificate for {@code hosts} (IP literals or DNS names), the first as its subject's common name. */
    public static ServerCertificate forHosts(List<String> hosts) {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            var names = new ArrayList<GeneralName>();
            for (String host : new LinkedHashSet<>(hosts)) {
                names.add(new GeneralName(isAddress(host) ? GeneralName.iPAddress : GeneralName.dNSName, host));
            }
            var subject = new X500Name("CN=" + hosts.get(0) + ",O=flagbench");
            Instant now = Instant.now();
            var random = new SecureRandom();
            var builder = new JcaX509v3CertificateBuilder(
                            subject,
                            new BigInteger(64, random).add(BigInteger.ONE),
                            Date.from(now.minus(Duration.ofHours(1))),
                            Date.from(now.plus(Duration.ofDays(1))),
                            subject,
                            keys.getPublic())
                    .addExtension(
                            Extension.subjectAlternativeName,
                            false,
                            new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            char[] password = Long.toUnsignedString(random.nextLong(), 36).toCharArray();
            return new ServerCertificate(keys, certificate, password);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot make the server's certificate: " + e.getMessage(), e);
        }
    }

    /** The certificate for the addresses a server bound to {@code bindAddress} answers on. */
    static ServerCertificate forBindAddress(String bindAddress) {
        var hosts = new ArrayList<String>();
        if (!bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
            hosts.add(bindAddress);
        }
        hosts.addAll(List.of(ServerConfig.LOOPBACK, "localhost"));
        if (hosts.get(0).equals(ServerConfig.LOOPBACK) && !bindAddress.equals(ServerConfig.LOOPBACK)) {
            try { // listening wider: also the machine's own name, which remote clients would use
                hosts.add(InetAddress.getLocalHost().getHostName());
            } catch (IOException unknown) {
                // the loopback names are enough for this machine's clients
            }
        }
        return forHosts(hosts);
    }

    private static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate as a PEM file, what a client (or curl's {@code --cacert}) trusts. */
    public String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@link #pem()} to {@code file}, whole or not at all. */
    public Path writePem(Path file) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, pem(), StandardCharsets.US_ASCII);
            return Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * {@link #pem()} in a new file in the temporary directory, removed when the JVM exits (Ctrl-C and SIGTERM too):
     * what a bench's forks or a {@code serve}'s users read while the server runs.
     */
    public Path writeTemporaryPem(String prefix) throws IOException {
        Path file = writePem(Files.createTempFile(prefix, ".pem"));
        file.toFile().deleteOnExit();
        return file;
    }

    /**
     * The key and certificate as a PKCS#12 key store in a new owner-only temporary file, for Jetty to read at start:
     * the caller deletes it as soon as the server has started.
     */
    Path keyStoreFile() throws IOException {
        try {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, keys.getPrivate(), password, new Certificate[] {certificate});
            Path file = Files.createTempFile(
                    TempFiles.prefix("keystore"),
                    ".p12"); // owner-only on POSIX; a killed server's goes at the next bench
            try (var out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the server's key store: " + e.getMessage(), e);
        }
    }

    String password() {
        return new String(password);
    }
}
