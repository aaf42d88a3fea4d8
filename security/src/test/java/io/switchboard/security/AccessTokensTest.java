package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.security.InvalidTokenException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokensTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final SecurityProperties properties = TestSecrets.randomProperties();
  private final AccessTokens tokens = new AccessTokens(properties, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aTokenItIssuedNamesTheUserAndDevice() {
    IssuedAccessToken issued = tokens.issue("user-1", "device-1");

    assertThat(tokens.verify(issued.value())).isEqualTo(new AuthenticatedDevice("user-1", "device-1"));
    assertThat(issued.expiresAt()).isEqualTo(NOW.plus(TestSecrets.TOKEN_TTL));
  }

  @Test
  void anExpiredTokenIsRefusedAsExpired() {
    Clock dayAndAHourAgo = Clock.fixed(NOW.minus(Duration.ofHours(25)), ZoneOffset.UTC);
    String token = new AccessTokens(properties, dayAndAHourAgo).issue("user-1", "device-1").value();

    assertRefused(token, Reason.EXPIRED);
  }

  @Test
  void aTokenIsRefusedFromTheMomentItExpires() {
    Clock oneTtlAgo = Clock.fixed(NOW.minus(TestSecrets.TOKEN_TTL), ZoneOffset.UTC);
    String token = new AccessTokens(properties, oneTtlAgo).issue("user-1", "device-1").value();

    assertRefused(token, Reason.EXPIRED);
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefusedAsForged() {
    AccessTokens otherService = new AccessTokens(TestSecrets.randomProperties(), Clock.fixed(NOW, ZoneOffset.UTC));

    assertRefused(otherService.issue("user-1", "device-1").value(), Reason.BAD_SIGNATURE);
  }

  @Test
  void anExpiredForgeryIsRefusedAsForgedNotAsExpired() {
    Clock longAgo = Clock.fixed(NOW.minus(Duration.ofDays(30)), ZoneOffset.UTC);
    String token = new AccessTokens(TestSecrets.randomProperties(), longAgo).issue("user-1", "device-1").value();

    assertRefused(token, Reason.BAD_SIGNATURE);
  }

  @Test
  void aTokenWhosePayloadWasEditedIsRefusedAsForged() {
    String[] parts = tokens.issue("user-1", "device-1").value().split("\\.");
    String otherPayload = tokens.issue("user-2", "device-2").value().split("\\.")[1];

    assertRefused(parts[0] + "." + otherPayload + "." + parts[2], Reason.BAD_SIGNATURE);
  }

  @Test
  void anUnsignedTokenIsRefused() {
    String unsigned = new PlainJWT(claims().build()).serialize();

    assertThatThrownBy(() -> tokens.verify(unsigned)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void aTokenSignedWithAnotherAlgorithmIsRefusedAsForged() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims().build());
    jwt.sign(new MACSigner((properties.tokenSecret() + properties.tokenSecret()).getBytes()));

    assertRefused(jwt.serialize(), Reason.BAD_SIGNATURE);
  }

  @Test
  void aSignedTokenWithoutADeviceIsRefusedAsMalformed() throws Exception {
    assertRefused(signedByUs(claims().claim(AccessTokens.DEVICE_CLAIM, null)), Reason.MALFORMED);
  }

  @Test
  void aSignedTokenFromAnotherIssuerIsRefusedAsMalformed() throws Exception {
    assertRefused(signedByUs(claims().issuer("someone-else")), Reason.MALFORMED);
  }

  @Test
  void aTokenSignedByUsWhosePayloadIsNotClaimsIsRefusedAsMalformed() throws Exception {
    JWSObject notClaims = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload("not json"));
    notClaims.sign(new MACSigner(properties.tokenSecret().getBytes()));

    assertRefused(notClaims.serialize(), Reason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "garbage", "a.b.c", "bm90IGpzb24.e30.c2ln"})
  void garbageIsRefusedAsMalformed(String token) {
    assertRefused(token, Reason.MALFORMED);
  }

  @Test
  void anAbsurdlyLongTokenIsRefusedAsMalformed() {
    assertRefused("a".repeat(10_000), Reason.MALFORMED);
  }

  @Test
  void theSecretNeverShowsInTheConfigurationsText() {
    assertThat(properties.toString()).doesNotContain(properties.tokenSecret()).contains("redacted");
  }

  @Test
  void theTokenNeverShowsInTheIssuedTokensText() {
    IssuedAccessToken issued = tokens.issue("user-1", "device-1");

    assertThat(issued.toString()).doesNotContain(issued.value());
  }

  private JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(AccessTokens.ISSUER)
        .subject("user-1")
        .claim(AccessTokens.DEVICE_CLAIM, "device-1")
        .issueTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plus(TestSecrets.TOKEN_TTL)));
  }

  private String signedByUs(JWTClaimsSet.Builder claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    jwt.sign(new MACSigner(properties.tokenSecret().getBytes()));
    return jwt.serialize();
  }

  private void assertRefused(String token, Reason reason) {
    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOfSatisfying(
            InvalidTokenException.class, refused -> assertThat(refused.reason()).isEqualTo(reason));
  }
}
