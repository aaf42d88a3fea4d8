package io.switchboard.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.security.InvalidTokenException.Reason;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Issues and checks access tokens: JWTs signed with HS256, naming the user ({@code sub}) and the device
 * ({@code did}). Checking needs no database, so every service can do it on every call; the price is that a
 * token stays good until it expires (see {@link DeviceRevocations} for the way out).
 */
public final class AccessTokens {

  public static final String ISSUER = "switchboard";

  static final String DEVICE_CLAIM = "did";

  private static final JWSAlgorithm ALGORITHM = JWSAlgorithm.HS256;

  /** Ours are about 250 characters; anything far longer is refused before any parsing. */
  private static final int MAX_TOKEN_LENGTH = 4096;

  private final JWSSigner signer;
  private final JWSVerifier verifier;
  private final Duration ttl;
  private final Clock clock;

  public AccessTokens(SecurityProperties properties, Clock clock) {
    try {
      this.signer = new MACSigner(properties.tokenSecretBytes());
      this.verifier = new MACVerifier(properties.tokenSecretBytes());
    } catch (JOSEException e) {
      throw new IllegalArgumentException("switchboard.security.token-secret is not a usable HS256 key", e);
    }
    this.ttl = properties.tokenTtl();
    this.clock = clock;
  }

  public IssuedAccessToken issue(String userId, String deviceId) {
    // JWT times are whole seconds; truncating here makes expiresAt exactly what the token says
    Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = issuedAt.plus(ttl);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(userId)
            .claim(DEVICE_CLAIM, deviceId)
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(expiresAt))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(ALGORITHM), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign an access token", e);
    }
    return new IssuedAccessToken(jwt.serialize(), expiresAt);
  }

  /**
   * The device a token speaks for.
   *
   * @throws InvalidTokenException if it is malformed, not signed with our key, or expired; the signature is
   *     checked before anything the token claims is believed
   */
  public AuthenticatedDevice verify(String token) {
    SignedJWT jwt = parse(token);
    checkSignature(jwt);
    JWTClaimsSet claims = claimsOf(jwt);
    Instant expiresAt = claims.getExpirationTime().toInstant();
    if (!clock.instant().isBefore(expiresAt)) {
      throw new InvalidTokenException(Reason.EXPIRED);
    }
    return new AuthenticatedDevice(claims.getSubject(), deviceOf(claims));
  }

  private static SignedJWT parse(String token) {
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    try {
      return SignedJWT.parse(token);
    } catch (ParseException e) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
  }

  private void checkSignature(SignedJWT jwt) {
    // only the algorithm we sign with is accepted: never "none", never one an attacker picks
    if (!ALGORITHM.equals(jwt.getHeader().getAlgorithm())) {
      throw new InvalidTokenException(Reason.BAD_SIGNATURE);
    }
    try {
      if (!jwt.verify(verifier)) {
        throw new InvalidTokenException(Reason.BAD_SIGNATURE);
      }
    } catch (JOSEException e) {
      throw new InvalidTokenException(Reason.BAD_SIGNATURE);
    }
  }

  private static JWTClaimsSet claimsOf(SignedJWT jwt) {
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    if (!ISSUER.equals(claims.getIssuer())
        || isBlank(claims.getSubject())
        || claims.getExpirationTime() == null) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
    return claims;
  }

  private static String deviceOf(JWTClaimsSet claims) {
    try {
      String deviceId = claims.getStringClaim(DEVICE_CLAIM);
      if (isBlank(deviceId)) {
        throw new InvalidTokenException(Reason.MALFORMED);
      }
      return deviceId;
    } catch (ParseException e) {
      throw new InvalidTokenException(Reason.MALFORMED);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
