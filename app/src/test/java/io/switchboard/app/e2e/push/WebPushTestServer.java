package io.switchboard.app.e2e.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.protocol.json.SwitchboardJson;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A browser's push service, as far as a sender can tell: subscriptions with their own P-256 key and auth
 * secret, and an endpoint that checks the VAPID authorization (RFC 8292: ES256 JWT for this origin, signed by
 * the key in {@code k}) and decrypts the {@code aes128gcm} payload (RFC 8291) with the subscription's private
 * key, as a browser would. A request that fails a check gets 400 and is not recorded.
 */
final class WebPushTestServer implements AutoCloseable {

  private final KeyPair vapid = p256();
  private final DisposableServer server;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  final Answers answers = new Answers();

  WebPushTestServer() {
    server = HttpServer.create().host("127.0.0.1").port(0)
        .route(routes -> routes.post("/push/{id}", this::push))
        .bindNow();
  }

  String origin() {
    return "http://127.0.0.1:" + server.port();
  }

  /** VAPID keys as Switchboard is configured with them: uncompressed public point, raw private scalar. */
  String vapidPublicKey() {
    return base64(uncompressed((ECPublicKey) vapid.getPublic()));
  }

  String vapidPrivateKey() {
    byte[] scalar = ((java.security.interfaces.ECPrivateKey) vapid.getPrivate()).getS().toByteArray();
    return base64(fixed(scalar, 32));
  }

  Subscription newSubscription() {
    KeyPair keys = p256();
    byte[] auth = new byte[16];
    new SecureRandom().nextBytes(auth);
    String id = UUID.randomUUID().toString();
    Subscription subscription = new Subscription(origin() + "/push/" + id, keys, auth);
    subscriptions.put(id, subscription);
    return subscription;
  }

  List<Received> receivedBy(Subscription subscription) {
    return received.stream().filter(one -> one.address().equals(subscription.endpoint())).toList();
  }

  private Mono<Void> push(HttpServerRequest request, HttpServerResponse response) {
    Subscription subscription = subscriptions.get(request.param("id"));
    if (subscription == null) {
      return response.status(404).send();
    }
    return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
      Map<String, String> headers;
      byte[] plaintext;
      try {
        headers = checkHeaders(request);
        plaintext = decrypt(subscription, body);
      } catch (Exception | AssertionError invalid) {
        return response.status(400).sendString(Mono.just(String.valueOf(invalid.getMessage()))).then();
      }
      switch (answers.next(subscription.endpoint())) {
        case GONE:
          return response.status(410).send().then();
        case FAILED:
          return response.status(503).send().then();
        default:
          received.add(new Received(subscription.endpoint(), headers,
              SwitchboardJson.mapper().readTree(plaintext), Instant.now()));
          return response.status(201).send().then();
      }
    });
  }

  private Map<String, String> checkHeaders(HttpServerRequest request) throws Exception {
    assertThat(request.requestHeaders().get("Content-Encoding")).isEqualTo("aes128gcm");
    assertThat(request.requestHeaders().get("TTL")).isNotBlank();
    String authorization = request.requestHeaders().get("Authorization");
    assertThat(authorization).startsWith("vapid ");
    String token = null;
    String key = null;
    for (String part : authorization.substring("vapid ".length()).split(",")) {
      String[] pair = part.strip().split("=", 2);
      if (pair[0].equals("t")) {
        token = pair[1];
      } else if (pair[0].equals("k")) {
        key = pair[1];
      }
    }
    assertThat(key).isEqualTo(vapidPublicKey());
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.verify(new ECDSAVerifier(publicKey(Base64.getUrlDecoder().decode(key))))).isTrue();
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(origin());
    assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isAfter(java.util.Date.from(Instant.now()))
        .isBefore(java.util.Date.from(Instant.now().plusSeconds(24 * 3600 + 60)));
    assertThat(jwt.getJWTClaimsSet().getSubject()).startsWith("mailto:");
    return Map.of(
        "topic", String.valueOf(request.requestHeaders().get("Topic")),
        "urgency", String.valueOf(request.requestHeaders().get("Urgency")));
  }

  /** RFC 8291 section 3.4 and RFC 8188, as the user agent does it. */
  private static byte[] decrypt(Subscription subscription, byte[] body) throws Exception {
    ByteBuffer buffer = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    buffer.get(salt);
    buffer.getInt();
    byte[] senderPublic = new byte[buffer.get() & 0xff];
    buffer.get(senderPublic);
    byte[] ciphertext = new byte[buffer.remaining()];
    buffer.get(ciphertext);

    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(subscription.keys().getPrivate());
    agreement.doPhase(publicKey(senderPublic), true);
    byte[] ecdhSecret = agreement.generateSecret();

    byte[] receiverPublic = Base64.getUrlDecoder().decode(subscription.p256dh());
    byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), receiverPublic, senderPublic);
    byte[] ikm = hkdf(subscription.auth(), ecdhSecret, keyInfo, 32);
    byte[] contentKey = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
    byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(contentKey, "AES"), new GCMParameterSpec(128, nonce));
    byte[] padded = cipher.doFinal(ciphertext);
    int end = padded.length - 1;
    while (padded[end] == 0) {
      end--;
    }
    assertThat(padded[end]).as("last-record delimiter").isEqualTo((byte) 2);
    return Arrays.copyOf(padded, end);
  }

  private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt, "HmacSHA256"));
    byte[] prk = mac.doFinal(ikm);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    return Arrays.copyOf(mac.doFinal(concat(info, new byte[] {1})), length);
  }

  static KeyPair p256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ECPublicKey publicKey(byte[] uncompressed) throws Exception {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
    ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
        new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
    return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
  }

  static byte[] uncompressed(ECPublicKey key) {
    return concat(new byte[] {4}, fixed(key.getW().getAffineX().toByteArray(), 32),
        fixed(key.getW().getAffineY().toByteArray(), 32));
  }

  private static byte[] fixed(byte[] twosComplement, int length) {
    byte[] out = new byte[length];
    int copy = Math.min(length, twosComplement.length);
    System.arraycopy(twosComplement, twosComplement.length - copy, out, length - copy, copy);
    return out;
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    ByteBuffer joined = ByteBuffer.allocate(length);
    for (byte[] part : parts) {
      joined.put(part);
    }
    return joined.array();
  }

  static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public void close() {
    server.disposeNow();
  }

  /** A browser's subscription: what it hands the app server ({@link #registration()}), and its private key. */
  record Subscription(String endpoint, KeyPair keys, byte[] auth) {

    String p256dh() {
      return base64(uncompressed((ECPublicKey) keys.getPublic()));
    }

    Map<String, Object> registration() {
      return Map.of("provider", "web_push", "endpoint", endpoint,
          "keys", Map.of("p256dh", p256dh(), "auth", base64(auth)));
    }
  }
}
