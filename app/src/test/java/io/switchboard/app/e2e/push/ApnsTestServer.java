package io.switchboard.app.e2e.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.switchboard.protocol.json.SwitchboardJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * APNs as a provider server sees it: HTTP/2 over TLS only (a certificate of its own, which Switchboard is told to
 * trust), {@code POST /3/device/<token>} with a provider token — an ES256 JWT whose {@code kid} is our key id,
 * {@code iss} our team id, signed by the key Apple would hold the public half of — and the topic, push type
 * and collapse id headers. A request failing a check gets 403 {@code InvalidProviderToken} (or 400) and is not
 * recorded.
 */
final class ApnsTestServer implements AutoCloseable {

  static final String TEAM_ID = "TEAM123456";
  static final String KEY_ID = "KEY1234567";
  static final String TOPIC = "io.switchboard.test";

  private final KeyPair signingKey = WebPushTestServer.p256();
  private final Path directory;
  private final DisposableServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  final Answers answers = new Answers();

  ApnsTestServer() {
    try {
      directory = Files.createTempDirectory("apns-test");
      KeyPair tlsKey = WebPushTestServer.p256();
      X509Certificate certificate = selfSigned(tlsKey);
      Files.writeString(certificateFile(), pem("CERTIFICATE", certificate.getEncoded()));
      Files.writeString(signingKeyFile(), pem("PRIVATE KEY", signingKey.getPrivate().getEncoded()));
      server = HttpServer.create().host("127.0.0.1").port(0)
          .protocol(HttpProtocol.H2)
          .secure(spec -> spec.sslContext(Http2SslContextSpec.forServer(tlsKey.getPrivate(), certificate)))
          .route(routes -> routes.post("/3/device/{token}", this::push))
          .bindNow();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the APNs test server", e);
    }
  }

  int port() {
    return server.port();
  }

  Path certificateFile() {
    return directory.resolve("server.pem");
  }

  /** The {@code .p8} key Switchboard signs provider tokens with. */
  Path signingKeyFile() {
    return directory.resolve("AuthKey.p8");
  }

  List<Received> receivedBy(String token) {
    return received.stream().filter(one -> one.address().equals(token)).toList();
  }

  private Mono<Void> push(HttpServerRequest request, HttpServerResponse response) {
    String token = request.param("token");
    return request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
      Map<String, String> headers;
      try {
        assertThat(request.requestHeaders().get("apns-topic")).isEqualTo(TOPIC);
        assertThat(request.requestHeaders().get("apns-push-type")).isIn("alert", "background");
        assertThat(request.requestHeaders().get("apns-collapse-id")).isNotBlank();
        headers = Map.of(
            "apns-push-type", request.requestHeaders().get("apns-push-type"),
            "apns-collapse-id", request.requestHeaders().get("apns-collapse-id"),
            "apns-priority", String.valueOf(request.requestHeaders().get("apns-priority")));
      } catch (AssertionError invalid) {
        return reject(response, 400, "BadRequest: " + invalid.getMessage());
      }
      try {
        checkProviderToken(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
      } catch (Exception | AssertionError invalid) {
        return reject(response, 403, "InvalidProviderToken: " + invalid.getMessage());
      }
      response.header("apns-id", UUID.randomUUID().toString());
      switch (answers.next(token)) {
        case GONE:
          return response.status(410).header("content-type", "application/json")
              .sendString(Mono.just("{\"reason\":\"Unregistered\",\"timestamp\":" + System.currentTimeMillis() + "}"))
              .then();
        case FAILED:
          return reject(response, 500, "InternalServerError");
        default:
          received.add(new Received(token, headers, SwitchboardJson.mapper().readTree(body), Instant.now()));
          return response.status(200).send().then();
      }
    });
  }

  private void checkProviderToken(String authorization) throws Exception {
    assertThat(authorization).startsWith("bearer ");
    SignedJWT jwt = SignedJWT.parse(authorization.substring("bearer ".length()));
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(KEY_ID);
    assertThat(signedByOurKey(jwt)).as("signature by the registered key").isTrue();
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(TEAM_ID);
    // APNs refuses tokens older than an hour
    assertThat(jwt.getJWTClaimsSet().getIssueTime()).isAfter(Date.from(Instant.now().minusSeconds(3600)));
  }

  /**
   * ES256 as JWS defines it (R || S, 64 bytes), or DER-encoded as some clients (Pushy among them) send and APNs
   * accepts; either way the signature must check out against the key.
   */
  private boolean signedByOurKey(SignedJWT jwt) throws Exception {
    byte[] signature = jwt.getSignature().decode();
    if (signature.length == 64) {
      return jwt.verify(new ECDSAVerifier((ECPublicKey) signingKey.getPublic()));
    }
    java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(signingKey.getPublic());
    verifier.update(jwt.getSigningInput());
    return verifier.verify(signature);
  }

  private static Mono<Void> reject(HttpServerResponse response, int status, String reason) {
    return response.status(status).header("content-type", "application/json")
        .sendString(Mono.just("{\"reason\":\"" + reason.replace("\"", "'").replace("\n", " ") + "\"}")).then();
  }

  private static X509Certificate selfSigned(KeyPair key) throws Exception {
    X500Name name = new X500Name("CN=localhost");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(24 * 3600)), name, key.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  @Override
  public void close() {
    server.disposeNow();
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
