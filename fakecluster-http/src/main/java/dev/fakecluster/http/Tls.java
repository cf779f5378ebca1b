package dev.fakecluster.http;

import java.net.InetAddress;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The server's TLS identity, made at start: a self-signed certificate authority and a server
 * certificate it signs for the bound address, {@code localhost} and {@code 127.0.0.1}. The
 * authority's PEM goes into the kubeconfig, so clients verify the server as they would a real one.
 *
 * @param socketFactory what the server's sockets handshake with
 * @param authorityPem the certificate authority, PEM-encoded
 */
record Tls(SSLSocketFactory socketFactory, String authorityPem) {

    static Tls selfSigned(InetAddress bound) {
        HeldCertificate authority = new HeldCertificate.Builder()
                .commonName("fakecluster-ca")
                .certificateAuthority(0)
                .duration(Duration.ofDays(3650).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .build();
        HeldCertificate server = new HeldCertificate.Builder()
                .commonName("fakecluster")
                .addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName("127.0.0.1")
                .addSubjectAlternativeName(bound.getHostAddress())
                .signedBy(authority)
                .duration(Duration.ofDays(3650).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .build();
        HandshakeCertificates certificates = new HandshakeCertificates.Builder()
                .heldCertificate(server, authority.certificate())
                .build();
        return new Tls(certificates.sslSocketFactory(), authority.certificatePem());
    }
}
